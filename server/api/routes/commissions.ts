import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { commissions, offers, type LedgerEntryType } from "@/db/schema";
import { COMMISSION_STATUSES, entryTypesFor, lastEntryType, statusOf } from "@/server/commissions/commission-status";
import { approveCommissions, rejectCommissions } from "@/server/commissions/review-commissions";
import { isCleanText } from "@/server/text";
import { keyset, listQuery, newestFirst, page, paged } from "../cursor";
import { route, type Principal } from "../define";
import { ApiError } from "../problem";
import { dateTime, entityId, inKeyProgram, iso } from "./common";

export const commission = z
  .object({
    id: z.string(),
    kind: z.string().meta({ description: "event, override or settlement" }),
    partnerId: z.string(),
    offerId: z.string(),
    conversionId: z.string().nullable(),
    amount: z.number().int().meta({ description: "Integer minor units of `currency`." }),
    currency: z.string(),
    status: z.enum(COMMISSION_STATUSES),
    holdUntil: dateTime.nullable(),
    occurredAt: dateTime,
    createdAt: dateTime,
  })
  .meta({ id: "Commission" });

export const commissionColumns = {
  id: commissions.id,
  kind: commissions.kind,
  partnerId: commissions.partnerId,
  offerId: commissions.offerId,
  conversionId: commissions.conversionId,
  amount: commissions.amount,
  currency: commissions.currency,
  last: lastEntryType,
  holdUntil: commissions.holdUntil,
  occurredAt: commissions.occurredAt,
  createdAt: commissions.createdAt,
};
type Row = { last: LedgerEntryType | null; holdUntil: Date | null; occurredAt: Date; createdAt: Date };
export const commissionOut = <T extends Row>({ last, ...r }: T) => ({ ...r, status: statusOf(last), holdUntil: iso(r.holdUntil), occurredAt: iso(r.occurredAt), createdAt: iso(r.createdAt) });

export const commissionQuery = listQuery.extend({ status: z.enum(COMMISSION_STATUSES).optional(), offerId: entityId.optional(), partnerId: entityId.optional() });

/** One page of commissions; `partnerId` pins it to one partner (the partner API). */
export async function commissionPage(db: DbOrTx, principal: Principal, query: z.output<typeof commissionQuery>, partnerId?: string) {
  const rows = await db
    .select(commissionColumns)
    .from(commissions)
    .innerJoin(offers, eq(offers.id, commissions.offerId))
    .where(
      and(
        keyset(commissions.createdAt, commissions.id, query),
        inKeyProgram(principal, offers.programId),
        partnerId ? eq(commissions.partnerId, partnerId) : undefined,
        query.partnerId ? eq(commissions.partnerId, query.partnerId) : undefined,
        query.status ? inArray(lastEntryType, entryTypesFor(query.status)) : undefined,
        query.offerId ? eq(commissions.offerId, query.offerId) : undefined,
      ),
    )
    .orderBy(...newestFirst(commissions.id))
    .limit(query.limit + 1);
  const p = paged(rows, query.limit);
  return { data: p.rows.map(commissionOut), nextCursor: p.nextCursor };
}

const ids = z.array(entityId).min(1, "Name at least one commission").max(500);
const reason = z
  .string()
  .trim()
  .max(500)
  .refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only");
const reviewResult = z
  .object({ changed: z.array(z.string()), skipped: z.array(z.object({ id: z.string(), status: z.string(), reason: z.string().optional() })) })
  .meta({ id: "CommissionReviewResult" });

/** A program-scoped key reviews its program's commissions only; unknown ids are named. */
async function assertReviewable(db: DbOrTx, principal: Principal, commissionIds: string[]) {
  const found = await db
    .select({ id: commissions.id })
    .from(commissions)
    .innerJoin(offers, eq(offers.id, commissions.offerId))
    .where(and(inArray(commissions.id, commissionIds), inKeyProgram(principal, offers.programId)));
  const known = new Set(found.map((f) => f.id));
  const missing = commissionIds.map((id, i) => ({ id, i })).filter((c) => !known.has(c.id));
  if (missing.length > 0) throw new ApiError(404, "not_found", "Some commissions were not found.", missing.map((m) => ({ field: `commissionIds.${m.i}`, message: `${m.id} not found` })));
}

export const commissionRoutes = [
  route({
    method: "GET",
    path: "/commissions",
    operationId: "listCommissions",
    summary: "List commissions (status derived from the ledger)",
    tag: "Commissions",
    auth: "key",
    scope: "commissions:read",
    query: commissionQuery,
    response: page(commission, "CommissionPage"),
    handle: ({ db, principal, query }) => commissionPage(db, principal, query),
  }),
  route({
    method: "POST",
    path: "/commissions/approve",
    operationId: "approveCommissions",
    summary: "Approve pending commissions whose hold has ended (others are listed as skipped)",
    tag: "Commissions",
    auth: "key",
    scope: "commissions:write",
    body: z.object({ commissionIds: ids, reason: reason.optional() }).meta({ id: "CommissionApprove" }),
    response: reviewResult,
    handle: async ({ db, principal, body }) => {
      await assertReviewable(db, principal, body.commissionIds);
      return approveCommissions(db, { ...body, actorId: principal.createdBy });
    },
  }),
  route({
    method: "POST",
    path: "/commissions/reject",
    operationId: "rejectCommissions",
    summary: "Reject pending commissions, with a reason the partner sees",
    tag: "Commissions",
    auth: "key",
    scope: "commissions:write",
    body: z.object({ commissionIds: ids, reason: reason.pipe(z.string().min(3, "Give a reason the partner will see")) }).meta({ id: "CommissionReject" }),
    response: reviewResult,
    handle: async ({ db, principal, body }) => {
      await assertReviewable(db, principal, body.commissionIds);
      return rejectCommissions(db, { ...body, actorId: principal.createdBy });
    },
  }),
];
