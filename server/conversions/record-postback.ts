import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { jsonRows } from "@/db/bulk-insert";
import { coalesce, fulfilled } from "@/db/coalesce";
import { newId } from "@/db/ids";
import { rowsOf } from "@/db/types";
import { isDbUnavailable } from "@/db/unavailable";
import { conversions, outboxEvents, type ConversionSource } from "@/db/schema";
import { REVERSING_EVENTS } from "@/server/shared/conversion-events";
import { formatMoney } from "@/server/commissions/plans/format";
import { NGR_EVENT } from "@/server/commissions/plans/compute";
import { hashEmail } from "@/server/fraud/hash-email";
import { isKnownCurrency } from "@/server/money/currency";
import { parseAmount } from "@/server/money/parse-amount";
import { conversionRecorded } from "@/server/outbox/events";
import { authenticateProgram, type PostbackAuth } from "./postback-auth";
import { checkPostbackParams, problemMessage, sortProblems, type PostbackInput, type Problem } from "./postback-input";
import { resolveTarget } from "./resolve-target";
import { ipVersion } from "@/server/net/cidr-parse";
import { parseIsoDateTime } from "@/server/time/iso-date-time";

export { hashToken } from "./postback-auth";

export type PostbackResult =
  | { ok: true; status: "accepted"; conversionId: string; outboxId: string }
  | { ok: true; status: "duplicate"; conversionId: string }
  | { ok: false; httpStatus: 400 | 401 | 403 | 404 | 409; error: string; message: string; problems?: Problem[] };

type Options = { now?: Date; auth?: Omit<PostbackAuth, "token">; source?: ConversionSource };

/** Who sent the report: kept with the conversion so the fraud rules can weigh its source. */
export type Reporter = { ip?: string | null; visitorId?: string | null };

const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const fail = (httpStatus: 400 | 401 | 403 | 404 | 409, error: string, message: string): PostbackResult => ({ ok: false, httpStatus, error, message });

/** A 400 naming every problem; `invalid_amount` when the amount or its currency is all that is wrong, as the README's table says. */
export function invalid(problems: Problem[]): PostbackResult {
  const sorted = sortProblems(problems);
  const error = sorted.every((p) => p.field === "amount" || p.field === "currency") ? "invalid_amount" : "invalid_request";
  return { ok: false, httpStatus: 400, error, message: problemMessage(sorted), problems: sorted };
}

/**
 * Records one reported conversion. The conversion and the outbox event that announces it are written in
 * one transaction; a replay of the same (offer, event, txn_id, refund_id) answers `duplicate` with the
 * original id, and the same key with another amount is a 409 that changes nothing. Refunds of one transaction
 * that would together take back more than its amount are a 409 too.
 */
export async function recordPostback(db: Db, raw: Record<string, unknown>, opts: Options = {}): Promise<PostbackResult> {
  const now = opts.now ?? new Date();
  const checked = checkPostbackParams(raw);
  if (!checked.ok) return invalid(checked.problems);
  const { input, params } = checked;

  const auth = await authenticateProgram(db, { ...opts.auth, token: input.token, now: now.getTime() });
  if (!auth.ok) return fail(auth.status, auth.status === 401 ? "invalid_token" : "forbidden", auth.message);

  return acceptConversion(db, auth.programId, input, params, now, opts.source ?? "s2s", { ip: opts.auth?.ip });
}

const p = (name: string) => sql.placeholder(name);

/**
 * The conversion and the outbox event that announces it, in one statement: one round trip, and atomic
 * (both are written or neither). A replay inserts no conversion, so the SELECT feeds no outbox row.
 * Built and prepared once per database handle: the postback is a hot path.
 */
function prepareInsert(db: DbOrTx) {
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
        reporterIp: sql`${p("reporterIp")}::inet`,
        reporterVisitorId: p("reporterVisitorId"),
        event: p("event"),
        txnId: p("txnId"),
        refundId: p("refundId"),
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
      .onConflictDoNothing({ target: [conversions.offerId, conversions.event, conversions.txnId, conversions.refundId] })
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

type Values = Omit<typeof conversions.$inferInsert, "occurredAt" | "createdAt" | "customerIp" | "reporterIp" | "params"> & {
  id: string;
  occurredAt: string;
  createdAt: string;
  customerIp: string | null;
  reporterIp: string | null;
  params: Record<string, string>;
  outboxId: string;
};

/** The single statement's parameters: jsonb travels as text there. */
const prepared = (v: Values) => ({ ...v, params: JSON.stringify(v.params) });

/**
 * Concurrent postbacks' conversions, written in one statement per turn of the event loop: each new one with
 * its outbox event, a replayed key skipped (the first of the batch wins, as the first to arrive would alone).
 * The statement commits them together, before any of their requests is answered. If it fails on one row's
 * value, none of the batch is written and each is tried again alone, so only that row's request fails. Answers
 * whether each was written (false: its key was taken).
 */
const insertConversion = coalesce<Db, Values, boolean>(
  async (db, rows) => {
    if (rows.length === 1) return fulfilled([(await insertStatement(db).execute(prepared(rows[0]!))).length > 0]);
    try {
      // only the table's columns are taken (not outboxId); the rows travel as JSON, where a time is its ISO string either way
      const { name, columns, source } = jsonRows(conversions, rows as unknown as (typeof conversions.$inferInsert)[]);
      const announce = JSON.stringify(rows.map((r) => ({ conversion_id: r.id, outbox_id: r.outboxId, created_at: r.createdAt })));
      const written = rowsOf<{ id: string }>(
        await db.execute(sql`
          with ins as (
            insert into ${name} (${columns}) select ${columns} from ${source}
            on conflict (offer_id, event, txn_id, refund_id) do nothing
            returning id
          ), announced as (
            insert into outbox_events (id, name, data, attempts, available_at, created_at)
            select o.outbox_id, ${conversionRecorded.name}, jsonb_build_object('conversionId', ins.id), 0, o.created_at, o.created_at
            from ins join jsonb_to_recordset(${announce}::jsonb) as o(conversion_id text, outbox_id text, created_at timestamptz) on o.conversion_id = ins.id
          )
          select id from ins`),
      );
      const ids = new Set(written.map((r) => r.id));
      return fulfilled(rows.map((r) => ids.has(r.id)));
    } catch (err) {
      if (isDbUnavailable(err)) throw err;
      return Promise.allSettled(rows.map(async (r) => (await insertStatement(db).execute(prepared(r))).length > 0));
    }
  },
  { max: 200 },
);

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
  reporter: Reporter = {},
): Promise<PostbackResult> {
  const found = await resolveTarget(db, programId, { clickId: input.click_id, customerId: input.customer_id, coupon: input.coupon });
  if (!found.ok) {
    const error = input.click_id ? "unknown_click" : input.customer_id && !input.coupon ? "unknown_customer" : "unknown_coupon";
    return fail(404, error, found.message);
  }
  const target = found.target;
  const problems: Problem[] = [];
  if (!target.eventTypes.includes(input.event)) {
    problems.push({ field: "event", message: `event "${input.event}" is not configured for this offer (allowed: ${target.eventTypes.join(", ")})` });
  }

  let amount: number | null = null;
  let currency: string | null = null;
  if (input.amount !== undefined) {
    currency = input.currency ?? target.currency;
    const a = parseAmount(input.amount, currency, { allowNegative: input.event === NGR_EVENT });
    if (a.ok) amount = a.minor;
    else problems.push({ field: isKnownCurrency(currency) ? "amount" : "currency", message: a.message });
  }
  // checkPostbackParams accepted it, so it parses
  const occurredAt = (input.occurred_at ? parseIsoDateTime(input.occurred_at) : null) ?? now;
  if (occurredAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) problems.push({ field: "occurred_at", message: "occurred_at is in the future" });
  const reversing = (REVERSING_EVENTS as readonly string[]).includes(input.event);
  if (input.refund_id && !reversing) problems.push({ field: "refund_id", message: `refund_id is only for ${REVERSING_EVENTS.join(" and ")} events` });
  if (problems.length > 0) return invalid(problems);

  const conversionId = newId("conversion", now.getTime());
  const outboxId = newId("outboxEvent", now.getTime());
  const key = { offerId: target.offerId, event: input.event, txnId: input.txn_id, refundId: input.refund_id ?? "" };
  const values = {
    id: conversionId,
    programId,
    offerId: target.offerId,
    clickId: target.clickId,
    customerId: input.customer_id ?? null,
    couponCode: input.coupon?.toUpperCase() ?? null,
    customerIp: input.customer_ip ?? null,
    customerEmailHash: input.customer_email ? hashEmail(input.customer_email) : (input.customer_email_sha256 ?? null),
    source,
    reporterIp: reporter.ip && ipVersion(reporter.ip) ? reporter.ip : null,
    reporterVisitorId: reporter.visitorId ?? null,
    event: input.event,
    txnId: input.txn_id,
    refundId: key.refundId,
    amount,
    currency,
    occurredAt: occurredAt.toISOString(),
    // The customer's e-mail is kept only as its hash (customer_email_hash), never as the address.
    params: { ...params, ...(params.token ? { token: "[redacted]" } : {}), ...(params.customer_email ? { customer_email: "[hashed]" } : {}) },
    adv1: input.adv1 ?? null,
    adv2: input.adv2 ?? null,
    adv3: input.adv3 ?? null,
    adv4: input.adv4 ?? null,
    adv5: input.adv5 ?? null,
    createdAt: now.toISOString(),
    outboxId,
  };
  if (!reversing) {
    if (await insertConversion(db, values)) return { ok: true, status: "accepted", conversionId, outboxId };
    return replayOf(db, key, amount, currency);
  }
  // Refunds of one transaction are checked against each other and its amount, one at a time.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`refund:${target.offerId}:${input.txn_id}`}))`);
    const [same] = await tx.select({ id: conversions.id }).from(conversions).where(keyIs(key));
    if (same) return replayOf(tx, key, amount, currency);
    const refused = await overRefund(tx, key, amount, currency);
    if (refused) return refused;
    const written = await prepareInsert(tx).execute(prepared(values));
    if (written.length > 0) return { ok: true, status: "accepted", conversionId, outboxId } as const;
    return replayOf(tx, key, amount, currency);
  });
}

type Key = { offerId: string; event: string; txnId: string; refundId: string };

const keyIs = (k: Key) => and(eq(conversions.offerId, k.offerId), eq(conversions.event, k.event), eq(conversions.txnId, k.txnId), eq(conversions.refundId, k.refundId));

/** The answer to a key that is taken: the same report again is a duplicate; different figures are a conflict. */
async function replayOf(db: DbOrTx, key: Key, amount: number | null, currency: string | null): Promise<PostbackResult> {
  const [existing] = await db.select({ id: conversions.id, amount: conversions.amount, currency: conversions.currency }).from(conversions).where(keyIs(key));
  if (!existing) throw new Error("conversion conflict without a row");
  if (existing.amount !== amount || existing.currency !== currency) {
    const hint = (REVERSING_EVENTS as readonly string[]).includes(key.event) && key.refundId === "" ? "; send a refund_id with each partial refund" : "";
    return fail(409, "txn_conflict", `txn_id "${key.txnId}" was already reported for ${key.event}${key.refundId ? ` with refund_id "${key.refundId}"` : ""} with a different amount${hint}`);
  }
  return { ok: true, status: "duplicate", conversionId: existing.id };
}

/**
 * A refund or chargeback that would take back more than the transaction's amount, with the ones already
 * reported: refused. Only where the figures compare (one original event with an amount, refunds in its
 * currency); a refund without an amount takes back whatever is left, and nothing is left after a full one.
 */
async function overRefund(tx: DbOrTx, key: Key, amount: number | null, currency: string | null): Promise<PostbackResult | null> {
  const same = and(eq(conversions.offerId, key.offerId), eq(conversions.txnId, key.txnId));
  const originals = await tx.select({ amount: conversions.amount, currency: conversions.currency, event: conversions.event }).from(conversions).where(and(same, notInArray(conversions.event, [...REVERSING_EVENTS])));
  const original = originals.length === 1 ? originals[0]! : null;
  if (!original || original.amount === null || original.amount <= 0 || !original.currency) return null;
  const earlier = await tx.select({ amount: conversions.amount, currency: conversions.currency }).from(conversions).where(and(same, inArray(conversions.event, [...REVERSING_EVENTS])));
  if (earlier.some((e) => e.amount === null)) return fail(409, "already_refunded", `txn_id "${key.txnId}" was already refunded in full`);
  if (earlier.some((e) => e.currency !== original.currency) || (amount !== null && currency !== original.currency)) return null;
  const refunded = earlier.reduce((sum, e) => sum + (e.amount ?? 0), 0);
  const money = (minor: number) => formatMoney(BigInt(minor), original.currency!);
  if (refunded >= original.amount) return fail(409, "already_refunded", `txn_id "${key.txnId}" was already refunded in full (${money(refunded)} of ${money(original.amount)})`);
  if (amount !== null && refunded + amount > original.amount) {
    return fail(409, "refund_exceeds_amount", `refunds of txn_id "${key.txnId}" would total ${money(refunded + amount)}, more than its ${original.event} of ${money(original.amount)} (${money(refunded)} refunded so far, ${money(original.amount - refunded)} left)`);
  }
  return null;
}
