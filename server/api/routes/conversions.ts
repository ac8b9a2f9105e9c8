import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { ATTRIBUTION_STATUSES, commissions, conversions, FRAUD_STATUSES } from "@/db/schema";
import { reverseCommissions } from "@/server/commissions/reverse-commissions";
import { acceptConversion } from "@/server/conversions/record-postback";
import { checkPostbackParams, postbackInput } from "@/server/conversions/postback-input";
import { dispatchOutbox } from "@/server/outbox/dispatch";
import { isCleanText } from "@/server/text";
import { keyset, listQuery, newestFirst, page, paged } from "../cursor";
import { route, type Principal } from "../define";
import { ApiError } from "../problem";
import { dateTime, entityId, inKeyProgram, iso, notFound } from "./common";

export const conversion = z
  .object({
    id: z.string(),
    programId: z.string(),
    offerId: z.string(),
    partnerId: z.string().nullable().meta({ description: "The partner it is attributed to, once attributed." }),
    event: z.string(),
    txnId: z.string(),
    amount: z.number().int().nullable().meta({ description: "Integer minor units of `currency`." }),
    currency: z.string().nullable(),
    clickId: z.string().nullable(),
    customerId: z.string().nullable(),
    couponCode: z.string().nullable(),
    attributionStatus: z.enum(ATTRIBUTION_STATUSES),
    fraudStatus: z.enum(FRAUD_STATUSES),
    occurredAt: dateTime,
    createdAt: dateTime,
  })
  .meta({ id: "Conversion" });

export const conversionColumns = {
  id: conversions.id,
  programId: conversions.programId,
  offerId: conversions.offerId,
  partnerId: conversions.partnerId,
  event: conversions.event,
  txnId: conversions.txnId,
  amount: conversions.amount,
  currency: conversions.currency,
  clickId: conversions.clickId,
  customerId: conversions.customerId,
  couponCode: conversions.couponCode,
  attributionStatus: conversions.attributionStatus,
  fraudStatus: conversions.fraudStatus,
  occurredAt: conversions.occurredAt,
  createdAt: conversions.createdAt,
};
export const conversionOut = <T extends { occurredAt: Date; createdAt: Date }>(r: T) => ({ ...r, occurredAt: iso(r.occurredAt), createdAt: iso(r.createdAt) });

async function readConversion(db: DbOrTx, principal: Principal, conversionId: string) {
  const [row] = await db
    .select(conversionColumns)
    .from(conversions)
    .where(and(eq(conversions.id, conversionId), inKeyProgram(principal, conversions.programId)));
  return row ? conversionOut(row) : notFound("Conversion");
}

// The postback's own parameters (same names, same rules), without its token: the API key authenticates.
const createBody = postbackInput
  .omit({ token: true })
  .extend({ programId: entityId.optional().meta({ description: "Required unless the key is limited to one program." }) })
  .meta({ id: "ConversionCreate", description: "The parameters of the server-to-server postback (see the README), as JSON strings." });

const idParam = z.object({ conversionId: entityId });

export const conversionRoutes = [
  route({
    method: "GET",
    path: "/conversions",
    operationId: "listConversions",
    summary: "List conversions",
    tag: "Conversions",
    auth: "key",
    scope: "conversions:read",
    query: listQuery.extend({
      offerId: entityId.optional(),
      partnerId: entityId.optional(),
      event: z.string().max(32).optional(),
      attributionStatus: z.enum(ATTRIBUTION_STATUSES).optional(),
      fraudStatus: z.enum(FRAUD_STATUSES).optional(),
    }),
    response: page(conversion, "ConversionPage"),
    handle: async ({ db, principal, query }) => {
      const rows = await db
        .select(conversionColumns)
        .from(conversions)
        .where(
          and(
            keyset(conversions.createdAt, conversions.id, query),
            inKeyProgram(principal, conversions.programId),
            query.offerId ? eq(conversions.offerId, query.offerId) : undefined,
            query.partnerId ? eq(conversions.partnerId, query.partnerId) : undefined,
            query.event ? eq(conversions.event, query.event) : undefined,
            query.attributionStatus ? eq(conversions.attributionStatus, query.attributionStatus) : undefined,
            query.fraudStatus ? eq(conversions.fraudStatus, query.fraudStatus) : undefined,
          ),
        )
        .orderBy(...newestFirst(conversions.id))
        .limit(query.limit + 1);
      const p = paged(rows, query.limit);
      return { data: p.rows.map(conversionOut), nextCursor: p.nextCursor };
    },
  }),
  route({
    method: "GET",
    path: "/conversions/{conversionId}",
    operationId: "getConversion",
    summary: "Get a conversion",
    tag: "Conversions",
    auth: "key",
    scope: "conversions:read",
    params: idParam,
    response: conversion,
    handle: ({ db, principal, params }) => readConversion(db, principal, params.conversionId),
  }),
  route({
    method: "POST",
    path: "/conversions",
    operationId: "createConversion",
    summary: "Record a conversion (an alternative to the postback; the same txn_id twice answers the first conversion)",
    tag: "Conversions",
    auth: "key",
    scope: "conversions:write",
    body: createBody,
    status: 201,
    response: z.object({ status: z.enum(["accepted", "duplicate"]), conversion }).meta({ id: "ConversionCreated" }),
    handle: async ({ db, principal, body }) => {
      const programId = principal.programId ?? body.programId;
      if (!programId) throw new ApiError(422, "validation_failed", "Name the program.", [{ field: "programId", message: "Required for a key that is not limited to one program" }]);
      if (principal.programId && body.programId && body.programId !== principal.programId)
        throw new ApiError(403, "program_out_of_scope", "This key is limited to another program.", [{ field: "programId", message: "Not the key's program" }]);
      const raw: Record<string, unknown> = { ...body };
      delete raw.programId;
      const checked = checkPostbackParams(raw, ["token"]);
      if (!checked.ok) throw new ApiError(422, "validation_failed", "Some fields are not valid.", checked.problems);
      const result = await acceptConversion(db as Db, programId, checked.input, checked.params, new Date(), "s2s");
      if (!result.ok) throw new ApiError(result.httpStatus === 400 ? 422 : result.httpStatus, result.error, result.message, result.problems ?? []);
      if (result.status === "accepted") dispatchOutbox(db as Db, result.outboxId);
      return { status: result.status, conversion: await readConversion(db, principal, result.conversionId) };
    },
  }),
  route({
    method: "POST",
    path: "/conversions/{conversionId}/reverse",
    operationId: "reverseConversion",
    summary: "Reverse every commission of a conversion (and the overrides paid on them), with a reason the partner sees",
    tag: "Conversions",
    auth: "key",
    scope: "conversions:write",
    params: idParam,
    body: z
      .object({
        reason: z
          .string()
          .trim()
          .min(3, "Give a reason the partner will see")
          .max(500)
          .refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only"),
      })
      .meta({ id: "ConversionReverse" }),
    response: z.object({ conversion, reversedCommissionIds: z.array(z.string()) }).meta({ id: "ConversionReversed" }),
    handle: async ({ db, principal, params, body }) => {
      const found = await readConversion(db, principal, params.conversionId);
      const reversed = await db.transaction(async (tx) => {
        const own = await tx.select({ id: commissions.id }).from(commissions).where(eq(commissions.conversionId, found.id));
        return reverseCommissions(tx, { commissionIds: own.map((c) => c.id), reason: body.reason, source: "admin", actorId: principal.createdBy, now: new Date(), cascade: true });
      });
      return { conversion: found, reversedCommissionIds: reversed.map((r) => r.commissionId) };
    },
  }),
];


