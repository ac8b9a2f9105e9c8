import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { conversions, outboxEvents, type ConversionSource } from "@/db/schema";
import { NGR_EVENT } from "@/server/commissions/plans/compute";
import { hashEmail } from "@/server/fraud/hash-email";
import { parseAmount } from "@/server/money/parse-amount";
import { conversionRecorded } from "@/server/jobs/events";
import { authenticateProgram, type PostbackAuth } from "./postback-auth";
import { pickPostbackParams, postbackInput, type PostbackInput } from "./postback-input";
import { resolveTarget } from "./resolve-target";

export { hashToken } from "./postback-auth";

export type PostbackResult =
  | { ok: true; status: "accepted"; conversionId: string; outboxId: string }
  | { ok: true; status: "duplicate"; conversionId: string }
  | { ok: false; httpStatus: 400 | 401 | 403 | 404 | 409; error: string; message: string };

type Options = { now?: Date; auth?: Omit<PostbackAuth, "token">; source?: ConversionSource };

const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const fail = (httpStatus: 400 | 401 | 403 | 404 | 409, error: string, message: string): PostbackResult => ({ ok: false, httpStatus, error, message });

/**
 * Records one reported conversion. The conversion and the outbox event that announces it are written in
 * one transaction; a replay of the same (offer, event, txn_id) answers `duplicate` with the original id,
 * and the same txn_id with another amount is a 409 that changes nothing.
 */
export async function recordPostback(db: Db, raw: Record<string, unknown>, opts: Options = {}): Promise<PostbackResult> {
  const now = opts.now ?? new Date();
  const params = pickPostbackParams(raw);
  const parsed = postbackInput.safeParse(params);
  if (!parsed.success) return fail(400, "invalid_request", parsed.error.issues.map((i) => i.message).join("; "));
  const input = parsed.data;

  const auth = await authenticateProgram(db, { ...opts.auth, token: input.token, now: now.getTime() });
  if (!auth.ok) return fail(auth.status, auth.status === 401 ? "invalid_token" : "forbidden", auth.message);

  return acceptConversion(db, auth.programId, input, params, now, opts.source ?? "s2s");
}

const p = (name: string) => sql.placeholder(name);

/**
 * The conversion and the outbox event that announces it, in one statement: one round trip, and atomic
 * (both are written or neither). A replay inserts no conversion, so the SELECT feeds no outbox row.
 * Built and prepared once per database handle: the postback is a hot path.
 */
function prepareInsert(db: Db) {
  const ins = db.$with("ins").as(
    db
      .insert(conversions)
      .values({
        id: p("id"),
        programId: p("programId"),
        offerId: p("offerId"),
        clickId: p("clickId"),
        customerId: p("customerId"),
        couponCode: p("couponCode"),
        customerIp: sql`${p("customerIp")}::inet`,
        customerEmailHash: p("customerEmailHash"),
        source: p("source"),
        event: p("event"),
        txnId: p("txnId"),
        amount: p("amount"),
        currency: p("currency"),
        occurredAt: sql`${p("occurredAt")}::timestamptz`,
        params: sql`${p("params")}::jsonb`,
        adv1: p("adv1"),
        adv2: p("adv2"),
        adv3: p("adv3"),
        adv4: p("adv4"),
        adv5: p("adv5"),
        createdAt: sql`${p("createdAt")}::timestamptz`,
      })
      .onConflictDoNothing({ target: [conversions.offerId, conversions.event, conversions.txnId] })
      .returning({ id: conversions.id }),
  );
  return db
    .with(ins)
    .insert(outboxEvents)
    .select(
      db
        .select({
          id: sql<string>`${p("outboxId")}`.as("id"),
          name: sql<string>`${conversionRecorded.name}`.as("name"),
          data: sql<Record<string, unknown>>`jsonb_build_object('conversionId', ${ins.id})`.as("data"),
          attempts: sql<number>`0`.as("attempts"),
          availableAt: sql<Date>`${p("createdAt")}::timestamptz`.as("available_at"),
          lockedUntil: sql<Date | null>`null`.as("locked_until"),
          dispatchedAt: sql<Date | null>`null`.as("dispatched_at"),
          processedAt: sql<Date | null>`null`.as("processed_at"),
          failedAt: sql<Date | null>`null`.as("failed_at"),
          lastError: sql<string | null>`null`.as("last_error"),
          createdAt: sql<Date>`${p("createdAt")}::timestamptz`.as("created_at"),
        })
        .from(ins),
    )
    .returning({ id: outboxEvents.id })
    .prepare("postback_insert_conversion");
}
const insertStatements = new WeakMap<object, ReturnType<typeof prepareInsert>>();
function insertStatement(db: Db) {
  let q = insertStatements.get(db);
  if (!q) insertStatements.set(db, (q = prepareInsert(db)));
  return q;
}

/**
 * The shared second half of every conversion path (server postback, pixel): find the offer, check the
 * event and amount, and store the conversion with its outbox event in one transaction.
 */
export async function acceptConversion(
  db: Db,
  programId: string,
  input: PostbackInput,
  params: Record<string, string>,
  now: Date,
  source: ConversionSource,
): Promise<PostbackResult> {
  const found = await resolveTarget(db, programId, { clickId: input.click_id, customerId: input.customer_id, coupon: input.coupon });
  if (!found.ok) {
    const error = input.click_id ? "unknown_click" : input.customer_id && !input.coupon ? "unknown_customer" : "unknown_coupon";
    return fail(404, error, found.message);
  }
  const target = found.target;
  if (!target.eventTypes.includes(input.event)) {
    return fail(400, "invalid_request", `event "${input.event}" is not configured for this offer (allowed: ${target.eventTypes.join(", ")})`);
  }

  let amount: number | null = null;
  let currency: string | null = null;
  if (input.amount !== undefined) {
    currency = input.currency ?? target.currency;
    const a = parseAmount(input.amount, currency, { allowNegative: input.event === NGR_EVENT });
    if (!a.ok) return fail(400, "invalid_amount", a.message);
    amount = a.minor;
  } else if (input.currency !== undefined) {
    return fail(400, "invalid_request", "currency was sent without an amount");
  }
  const occurredAt = input.occurred_at ? new Date(input.occurred_at) : now;
  if (occurredAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) return fail(400, "invalid_request", "occurred_at is in the future");

  const conversionId = newId("conversion", now.getTime());
  const outboxId = newId("outboxEvent", now.getTime());
  const written = await insertStatement(db).execute({
    id: conversionId,
    programId,
    offerId: target.offerId,
    clickId: target.clickId,
    customerId: input.customer_id ?? null,
    couponCode: input.coupon?.toUpperCase() ?? null,
    customerIp: input.customer_ip ?? null,
    customerEmailHash: input.customer_email ? hashEmail(input.customer_email) : (input.customer_email_sha256 ?? null),
    source,
    event: input.event,
    txnId: input.txn_id,
    amount,
    currency,
    occurredAt: occurredAt.toISOString(),
    // The customer's e-mail is kept only as its hash (customer_email_hash), never as the address.
    params: JSON.stringify({ ...params, ...(params.token ? { token: "[redacted]" } : {}), ...(params.customer_email ? { customer_email: "[hashed]" } : {}) }),
    adv1: input.adv1 ?? null,
    adv2: input.adv2 ?? null,
    adv3: input.adv3 ?? null,
    adv4: input.adv4 ?? null,
    adv5: input.adv5 ?? null,
    createdAt: now.toISOString(),
    outboxId,
  });
  if (written.length > 0) return { ok: true, status: "accepted", conversionId, outboxId };

  const [existing] = await db
    .select({ id: conversions.id, amount: conversions.amount, currency: conversions.currency })
    .from(conversions)
    .where(and(eq(conversions.offerId, target.offerId), eq(conversions.event, input.event), eq(conversions.txnId, input.txn_id)));
  if (!existing) throw new Error("conversion conflict without a row");
  if (existing.amount !== amount || existing.currency !== currency) {
    return fail(409, "txn_conflict", `txn_id "${input.txn_id}" was already reported for ${input.event} with a different amount`);
  }
  return { ok: true, status: "duplicate", conversionId: existing.id };
}
