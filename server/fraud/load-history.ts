import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";
import type { Occurrence } from "./rules/types";

const DAY_MS = 86_400_000;
/** Lists are capped: past a thousand, "more than the threshold" is all a rule needs to know. */
const CAP = 1000;
/** Follow-up looks at registrations that matured in the last 90 days. */
const FOLLOW_UP_LOOKBACK_DAYS = 90;

/** Events that undo an earlier one: never counted as conversions or sales. */
export const REVERSAL_EVENTS = ["refund", "chargeback"] as const;
const notReversal = sql.raw(`('${REVERSAL_EVENTS.join("', '")}')`);

const iso = (d: Date) => d.toISOString();
const since = (at: Date, ms: number) => new Date(at.getTime() - ms);
const asDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));
const int = (v: unknown) => Number(v ?? 0);

type Click = { linkId: string; ip: string | null; visitorId: string | null; at: Date };

/** Clicks on the click's link from its IP and from its visitor, in `[at - windowSeconds, at]`, the click included. */
export async function duplicateCounts(db: DbOrTx, click: Click, windowSeconds: number) {
  const from = iso(since(click.at, windowSeconds * 1000));
  const to = iso(click.at);
  const [row] = rowsOf<{ by_ip: number | null; by_visitor: number | null }>(
    await db.execute(sql`
      select
        ${click.ip === null ? sql`null` : sql`(select count(*)::int from clicks where link_id = ${click.linkId} and ip = ${click.ip}::inet and created_at between ${from}::timestamptz and ${to}::timestamptz)`} as by_ip,
        ${click.visitorId === null ? sql`null` : sql`(select count(*)::int from clicks where visitor_id = ${click.visitorId} and link_id = ${click.linkId} and created_at between ${from}::timestamptz and ${to}::timestamptz)`} as by_visitor`),
  );
  return { byIp: row?.by_ip === null || row?.by_ip === undefined ? undefined : int(row.by_ip), byVisitor: row?.by_visitor === null || row?.by_visitor === undefined ? undefined : int(row.by_visitor) };
}

/** Attributed conversions in the program by the same customer id, or from a click of the same visitor (device). */
export async function customerConversions(db: DbOrTx, c: { programId: string; conversionId: string; customerId: string | null; visitorId: string | null; at: Date; windowDays: number }): Promise<(Occurrence & { partnerId: string })[] | undefined> {
  if (c.customerId === null && c.visitorId === null) return undefined;
  const from = iso(since(c.at, c.windowDays * DAY_MS));
  const to = iso(c.at);
  const base = sql`c.program_id = ${c.programId} and c.id <> ${c.conversionId} and c.attribution_status = 'attributed' and c.partner_id is not null
    and c.event not in ${notReversal} and c.occurred_at between ${from}::timestamptz and ${to}::timestamptz`;
  const byCustomer = c.customerId === null ? null : sql`select c.id, c.occurred_at, c.partner_id from conversions c where ${base} and c.customer_id = ${c.customerId}`;
  const byVisitor = c.visitorId === null ? null : sql`select c.id, c.occurred_at, c.partner_id from conversions c join clicks k on k.id = c.click_id where ${base} and k.visitor_id = ${c.visitorId}`;
  const query = byCustomer && byVisitor ? sql`${byCustomer} union ${byVisitor}` : (byCustomer ?? byVisitor)!;
  const rows = rowsOf<{ id: string; occurred_at: string | Date; partner_id: string }>(await db.execute(sql`${query} limit ${CAP}`));
  return rows.map((r) => ({ id: r.id, at: asDate(r.occurred_at), partnerId: r.partner_id }));
}

/** Registrations in the program from one customer IP in `[at - windowSeconds, at]`. */
export async function registrationsFromIp(db: DbOrTx, r: { programId: string; ip: string | null; at: Date; windowSeconds: number }): Promise<Occurrence[] | undefined> {
  if (r.ip === null) return undefined;
  const rows = rowsOf<{ id: string; occurred_at: string | Date }>(
    await db.execute(sql`
      select id, occurred_at from conversions
      where customer_ip = ${r.ip}::inet and program_id = ${r.programId} and event = 'registration'
        and occurred_at between ${iso(since(r.at, r.windowSeconds * 1000))}::timestamptz and ${iso(r.at)}::timestamptz
      limit ${CAP}`),
  );
  return rows.map((x) => ({ id: x.id, at: asDate(x.occurred_at) }));
}

/** The partner's clicks and conversions on the offer in `(at - days, at]`. */
export async function partnerClickStats(db: DbOrTx, s: { partnerId: string; offerId: string; at: Date; days: number }) {
  const from = iso(since(s.at, s.days * DAY_MS));
  const to = iso(s.at);
  const [row] = rowsOf<{ clicks: number; conversions: number }>(
    await db.execute(sql`
      select
        (select count(*)::int from clicks where partner_id = ${s.partnerId} and offer_id = ${s.offerId} and created_at > ${from}::timestamptz and created_at <= ${to}::timestamptz) as clicks,
        (select count(*)::int from conversions where partner_id = ${s.partnerId} and offer_id = ${s.offerId} and attribution_status = 'attributed'
          and event not in ${notReversal} and occurred_at > ${from}::timestamptz and occurred_at <= ${to}::timestamptz) as conversions`),
  );
  return { clicks: int(row?.clicks), conversions: int(row?.conversions) };
}

type MedianKey = string;
const medians = new WeakMap<object, Map<MedianKey, { value: number | null; until: number }>>();
const MEDIAN_TTL_MS = 10 * 60_000;

/**
 * Median over the offer's partners (with at least one click and one conversion) of clicks per conversion in
 * `(at - days, at]`. It reads every click of the offer in the window, so it is kept for ten minutes per offer.
 */
export async function offerMedianClicksPerConversion(db: DbOrTx, m: { offerId: string; at: Date; days: number }, now = Date.now()): Promise<number | null> {
  let cache = medians.get(db);
  if (!cache) medians.set(db, (cache = new Map()));
  const key = `${m.offerId}:${m.days}:${Math.floor(m.at.getTime() / MEDIAN_TTL_MS)}`;
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.value;
  const from = iso(since(m.at, m.days * DAY_MS));
  const to = iso(m.at);
  const [row] = rowsOf<{ median: number | string | null }>(
    await db.execute(sql`
      with k as (
        select partner_id, count(*) as n from clicks
        where offer_id = ${m.offerId} and created_at > ${from}::timestamptz and created_at <= ${to}::timestamptz group by partner_id
      ), v as (
        select partner_id, count(*) as n from conversions
        where offer_id = ${m.offerId} and attribution_status = 'attributed' and partner_id is not null and event not in ${notReversal}
          and occurred_at > ${from}::timestamptz and occurred_at <= ${to}::timestamptz group by partner_id
      )
      select percentile_cont(0.5) within group (order by k.n::float8 / v.n) as median from k join v using (partner_id)`),
  );
  const value = row?.median === null || row?.median === undefined ? null : Number(row.median);
  for (const [k, v] of cache) if (v.until <= now) cache.delete(k);
  cache.set(key, { value, until: now + MEDIAN_TTL_MS });
  return value;
}

/** The partner's sales (events with a positive amount) in `(at - days, at]`, and how many were refunded or charged back. */
export async function refundStats(db: DbOrTx, s: { partnerId: string; programId: string; at: Date; days: number }) {
  const to = iso(s.at);
  const [row] = rowsOf<{ sales: number; refunds: number; chargebacks: number }>(
    await db.execute(sql`
      select count(*)::int as sales,
        count(*) filter (where exists (select 1 from conversions r where r.offer_id = s.offer_id and r.txn_id = s.txn_id and r.event = 'refund' and r.occurred_at <= ${to}::timestamptz))::int as refunds,
        count(*) filter (where exists (select 1 from conversions r where r.offer_id = s.offer_id and r.txn_id = s.txn_id and r.event = 'chargeback' and r.occurred_at <= ${to}::timestamptz))::int as chargebacks
      from conversions s
      where s.partner_id = ${s.partnerId} and s.program_id = ${s.programId} and s.amount > 0 and s.event not in ${notReversal} and s.event <> 'ngr'
        and s.occurred_at > ${iso(since(s.at, s.days * DAY_MS))}::timestamptz and s.occurred_at <= ${to}::timestamptz`),
  );
  return { sales: int(row?.sales), refunds: int(row?.refunds), chargebacks: int(row?.chargebacks) };
}

/**
 * The partner's registrations (with a customer id) that matured at least `afterDays` before `at`, over the last
 * 90 days of them, and how many of those customers made no FTD or deposit within `afterDays` of registering.
 */
export async function followUpStats(db: DbOrTx, s: { partnerId: string; programId: string; at: Date; afterDays: number }) {
  const maturedBy = since(s.at, s.afterDays * DAY_MS);
  const [row] = rowsOf<{ matured: number; without_deposit: number }>(
    await db.execute(sql`
      select count(*)::int as matured,
        count(*) filter (where not exists (
          select 1 from conversions d where d.program_id = r.program_id and d.customer_id = r.customer_id and d.event in ('ftd', 'deposit')
            and d.occurred_at >= r.occurred_at and d.occurred_at <= r.occurred_at + make_interval(days => ${s.afterDays})))::int as without_deposit
      from conversions r
      where r.partner_id = ${s.partnerId} and r.program_id = ${s.programId} and r.event = 'registration' and r.customer_id is not null
        and r.occurred_at <= ${iso(maturedBy)}::timestamptz and r.occurred_at > ${iso(since(maturedBy, FOLLOW_UP_LOOKBACK_DAYS * DAY_MS))}::timestamptz`),
  );
  return { matured: int(row?.matured), withoutDeposit: int(row?.without_deposit) };
}
