import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { PAYOUT_BATCH_STATUSES, payoutBatches } from "@/db/schema";
import { approvePayoutBatch, markBatchFailed, markBatchPaid } from "@/server/payouts/batch-status";
import { createPayoutBatch } from "@/server/payouts/create-payout-batch";
import { getPayoutBatch } from "@/server/payouts/list-payout-batches";
import { isCleanText } from "@/server/text";
import { keyset, listQuery, newestFirst, page, paged } from "../cursor";
import { route, type Principal } from "../define";
import { ApiError } from "../problem";
import { dateTime, entityId, iso } from "./common";

const batch = z
  .object({
    id: z.string(),
    currency: z.string(),
    status: z.enum(PAYOUT_BATCH_STATUSES),
    total: z.number().int().meta({ description: "Integer minor units of `currency`." }),
    itemCount: z.number().int(),
    partnerCount: z.number().int(),
    reference: z.string().nullable(),
    failureReason: z.string().nullable(),
    period: z.string().nullable(),
    scheduled: z.boolean(),
    approvedAt: dateTime.nullable(),
    paidAt: dateTime.nullable(),
    failedAt: dateTime.nullable(),
    createdAt: dateTime,
  })
  .meta({ id: "PayoutBatch" });

const line = z.object({ partnerId: z.string(), name: z.string(), amount: z.number().int(), currency: z.string(), method: z.string().nullable() }).meta({ id: "PayoutLine" });
const batchWithLines = batch.extend({ lines: z.array(line) }).meta({ id: "PayoutBatchDetail" });

const columns = {
  id: payoutBatches.id,
  currency: payoutBatches.currency,
  status: payoutBatches.status,
  total: payoutBatches.total,
  itemCount: payoutBatches.itemCount,
  partnerCount: payoutBatches.partnerCount,
  reference: payoutBatches.reference,
  failureReason: payoutBatches.failureReason,
  period: payoutBatches.period,
  scheduled: payoutBatches.scheduled,
  approvedAt: payoutBatches.approvedAt,
  paidAt: payoutBatches.paidAt,
  failedAt: payoutBatches.failedAt,
  createdAt: payoutBatches.createdAt,
};
type Row = { approvedAt: Date | null; paidAt: Date | null; failedAt: Date | null; createdAt: Date };
const out = <T extends Row>(r: T) => ({ ...r, approvedAt: iso(r.approvedAt), paidAt: iso(r.paidAt), failedAt: iso(r.failedAt), createdAt: iso(r.createdAt) });

/** Batches pay partners across every program: a key limited to one program cannot see or move them. */
function allPrograms(principal: Principal) {
  if (principal.kind === "key" && principal.programId) throw new ApiError(403, "program_scoped_key", "Payout batches span programs: use a key for all programs.");
}

async function readBatch(db: DbOrTx, batchId: string) {
  const { batch: b, lines } = await getPayoutBatch(db, batchId);
  const picked = Object.fromEntries(Object.keys(columns).map((k) => [k, b[k as keyof typeof b]])) as unknown as typeof b;
  return { ...out(picked), lines: lines.map((l) => ({ partnerId: l.partnerId, name: l.name, amount: l.amount, currency: l.currency, method: l.method })) };
}

const idParam = z.object({ batchId: entityId });
const text = (min: number, message: string) =>
  z
    .string()
    .trim()
    .min(min, message)
    .max(500)
    .refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only");

export const payoutRoutes = [
  route({
    method: "GET",
    path: "/payout-batches",
    operationId: "listPayoutBatches",
    summary: "List payout batches",
    tag: "Payouts",
    auth: "key",
    scope: "payouts:read",
    query: listQuery.extend({ status: z.enum(PAYOUT_BATCH_STATUSES).optional(), currency: z.string().length(3).optional() }),
    response: page(batch, "PayoutBatchPage"),
    handle: async ({ db, principal, query }) => {
      allPrograms(principal);
      const rows = await db
        .select(columns)
        .from(payoutBatches)
        .where(and(keyset(payoutBatches.createdAt, payoutBatches.id, query), query.status ? eq(payoutBatches.status, query.status) : undefined, query.currency ? eq(payoutBatches.currency, query.currency.toUpperCase()) : undefined))
        .orderBy(...newestFirst(payoutBatches.id))
        .limit(query.limit + 1);
      const p = paged(rows, query.limit);
      return { data: p.rows.map(out), nextCursor: p.nextCursor };
    },
  }),
  route({
    method: "GET",
    path: "/payout-batches/{batchId}",
    operationId: "getPayoutBatch",
    summary: "Get a payout batch with its partner lines",
    tag: "Payouts",
    auth: "key",
    scope: "payouts:read",
    params: idParam,
    response: batchWithLines,
    handle: ({ db, principal, params }) => {
      allPrograms(principal);
      return readBatch(db, params.batchId);
    },
  }),
  route({
    method: "POST",
    path: "/payout-batches",
    operationId: "createPayoutBatch",
    summary: "Create a draft batch of every approved balance due in a currency",
    tag: "Payouts",
    auth: "key",
    scope: "payouts:write",
    body: z.object({ currency: z.string().regex(/^[A-Z]{3}$/, "Use a 3-letter ISO 4217 code in capitals") }).meta({ id: "PayoutBatchCreate" }),
    status: 201,
    response: z
      .object({ batch: batchWithLines.nullable(), skipped: z.array(z.object({ partnerId: z.string(), name: z.string(), reason: z.string() })) })
      .meta({ id: "PayoutBatchCreated", description: "`batch` is null when nobody is due." }),
    handle: async ({ db, principal, body }) => {
      allPrograms(principal);
      const made = await createPayoutBatch(db, { currency: body.currency, actorId: principal.createdBy });
      return { batch: made.batchId ? await readBatch(db, made.batchId) : null, skipped: made.skipped };
    },
  }),
  route({
    method: "POST",
    path: "/payout-batches/{batchId}/approve",
    operationId: "approvePayoutBatch",
    summary: "Approve a draft batch",
    tag: "Payouts",
    auth: "key",
    scope: "payouts:write",
    params: idParam,
    response: batchWithLines,
    handle: async ({ db, principal, params }) => {
      allPrograms(principal);
      await approvePayoutBatch(db, { batchId: params.batchId, actorId: principal.createdBy });
      return readBatch(db, params.batchId);
    },
  }),
  route({
    method: "POST",
    path: "/payout-batches/{batchId}/paid",
    operationId: "markPayoutBatchPaid",
    summary: "Mark an approved batch paid, with the payment reference",
    tag: "Payouts",
    auth: "key",
    scope: "payouts:write",
    params: idParam,
    body: z.object({ reference: text(2, "Enter the payment reference").pipe(z.string().max(200)) }).meta({ id: "PayoutBatchPaid" }),
    response: batchWithLines,
    handle: async ({ db, principal, params, body }) => {
      allPrograms(principal);
      await markBatchPaid(db, { batchId: params.batchId, reference: body.reference, actorId: principal.createdBy });
      return readBatch(db, params.batchId);
    },
  }),
  route({
    method: "POST",
    path: "/payout-batches/{batchId}/failed",
    operationId: "markPayoutBatchFailed",
    summary: "Mark an approved batch failed, with the reason (balances return to the partners)",
    tag: "Payouts",
    auth: "key",
    scope: "payouts:write",
    params: idParam,
    body: z.object({ reason: text(3, "Say why the payment failed") }).meta({ id: "PayoutBatchFailed" }),
    response: batchWithLines,
    handle: async ({ db, principal, params, body }) => {
      allPrograms(principal);
      await markBatchFailed(db, { batchId: params.batchId, reason: body.reason, actorId: principal.createdBy });
      return readBatch(db, params.batchId);
    },
  }),
];
