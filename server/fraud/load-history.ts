import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";
import type { Occurrence } from "./rules/types";
import { REVERSING_EVENTS } from "@/server/shared/conversion-events";
import { DAY_MS } from "@/server/time/days";

/** Lists are capped: past a thousand, "more than the threshold" is all a rule needs to know. */
const CAP = 1000;
/** Follow-up looks at registrations that matured in the last 90 days. */
const FOLLOW_UP_LOOKBACK_DAYS = 90;

/** Events that undo an earlier one: never counted as conversions or sales. */
const notReversal = sql.raw(`('${REVERSING_EVENTS.join("', '")}')`);

const iso = (d: Date) => d.toISOString();
const since = (at: Date, ms: number) => new Date(at.getTime() - ms);
const asDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));
const int = (v: unknown) => Number(v ?? 0);

type Click = { linkId: string; ip: string | null; visitorId: string | null; at: Date };

/** What `loadHistory` reads for one conversion; each part is left out (undefined) when its input is missing. */
export type HistoryQuery = {
  programId: string;
  offerId: string;
  partnerId: string;
  conversionId: string;
  at: Date;
  click: Click | null;
  customerId: string | null;
  customerIp: string | null;
  windows: { duplicateSeconds: number; customerDays: number; registrationSeconds: number; clickSpamDays: number; refundDays: number; followUpAfterDays: number };
  /**
   * Conversions to leave out of the counts that read attribution (whose partner a conversion went to): the ones
   * a batch claimed after this one. The batch attributes all of its conversions before it checks any, and one by
   * one those would still be pending when this one is checked; leaving them out makes both give the same result.
   */
  notYet?: readonly string[];
};

export type History = {
  duplicates: { byIp?: number; byVisitor?: number } | null;
  customerConversions: (Occurrence & { partnerId: string })[] | undefined;
  registrationsFromIp: Occurrence[] | undefined;
  clickStats: { clicks: number; conversions: number };
  refunds: { sales: number; refunds: number; chargebacks: number };
  followUp: { matured: number; withoutDeposit: number };
};

/** A json column: parsed by postgres.js, possibly text from PGlite. */
const json = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));
const occurrences = (v: unknown) => json<{ id: string; at: string; partnerId?: string }[]>(v).map((o) => ({ ...o, at: asDate(o.at) }));

/**
 * Everything the conversion rules count in the database, in one statement (one round trip, each part a
 * subquery over its own index):
 * - clicks on the click's link from its IP and from its visitor, in `[at - window, at]`, the click included;
 * - attributed conversions in the program by the same customer id, or from a click of the same visitor (device);
 * - registrations in the program from the customer's IP;
 * - the partner's clicks and conversions on the offer (click spamming);
 * - the partner's sales and how many were refunded or charged back;
 * - the partner's registrations that matured `afterDays` ago (over the last 90 days of them), and how many of
 *   those customers made no FTD or deposit in that time.
 */
export async function loadHistory(db: DbOrTx, q: HistoryQuery): Promise<History> {
  const { at, click, windows: w } = q;
  const to = iso(at);
  const dupFrom = click ? iso(since(click.at, w.duplicateSeconds * 1000)) : to;
  const byIp = click?.ip ? sql`(select count(*)::int from clicks where link_id = ${click.linkId} and ip = ${click.ip}::inet and created_at between ${dupFrom}::timestamptz and ${iso(click.at)}::timestamptz)` : sql`null::int`;
  const byVisitor = click?.visitorId
    ? sql`(select count(*)::int from clicks where visitor_id = ${click.visitorId} and link_id = ${click.linkId} and created_at between ${dupFrom}::timestamptz and ${iso(click.at)}::timestamptz)`
    : sql`null::int`;

  const visitorId = click?.visitorId ?? null;
  const notYet = q.notYet?.length ? JSON.stringify(q.notYet) : null;
  const decided = (alias: string) => (notYet ? sql` and ${sql.raw(alias)}.id not in (select jsonb_array_elements_text(${notYet}::jsonb))` : sql``);
  const custBase = sql`c.program_id = ${q.programId} and c.id <> ${q.conversionId}${decided("c")} and c.attribution_status = 'attributed' and c.partner_id is not null
    and c.event not in ${notReversal} and c.occurred_at between ${iso(since(at, w.customerDays * DAY_MS))}::timestamptz and ${to}::timestamptz`;
  const byCustomer = q.customerId === null ? null : sql`select c.id, c.occurred_at, c.partner_id from conversions c where ${custBase} and c.customer_id = ${q.customerId}`;
  const byDevice = visitorId === null ? null : sql`select c.id, c.occurred_at, c.partner_id from conversions c join clicks k on k.id = c.click_id where ${custBase} and k.visitor_id = ${visitorId}`;
  const custUnion = byCustomer && byDevice ? sql`${byCustomer} union ${byDevice}` : (byCustomer ?? byDevice);
  const customerConvs = custUnion
    ? sql`(select coalesce(json_agg(json_build_object('id', x.id, 'at', x.occurred_at, 'partnerId', x.partner_id)), '[]'::json) from (${custUnion} limit ${CAP}) x)`
    : sql`null::json`;

  const registrations = q.customerIp
    ? sql`(select coalesce(json_agg(json_build_object('id', x.id, 'at', x.occurred_at)), '[]'::json) from (
        select id, occurred_at from conversions
        where customer_ip = ${q.customerIp}::inet and program_id = ${q.programId} and event = 'registration'
          and occurred_at between ${iso(since(at, w.registrationSeconds * 1000))}::timestamptz and ${to}::timestamptz
        limit ${CAP}) x)`
    : sql`null::json`;

  const spamFrom = iso(since(at, w.clickSpamDays * DAY_MS));
  const maturedBy = since(at, w.followUpAfterDays * DAY_MS);
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select ${byIp} as by_ip, ${byVisitor} as by_visitor, ${customerConvs} as customer_convs, ${registrations} as registrations,
        (select count(*)::int from clicks where partner_id = ${q.partnerId} and offer_id = ${q.offerId} and created_at > ${spamFrom}::timestamptz and created_at <= ${to}::timestamptz) as partner_clicks,
        (select count(*)::int from conversions p where p.partner_id = ${q.partnerId} and p.offer_id = ${q.offerId} and p.attribution_status = 'attributed'
          and p.event not in ${notReversal} and p.occurred_at > ${spamFrom}::timestamptz and p.occurred_at <= ${to}::timestamptz${decided("p")}) as partner_conversions,
        (select json_build_object('sales', count(*),
            'refunds', count(*) filter (where exists (select 1 from conversions r where r.offer_id = s.offer_id and r.txn_id = s.txn_id and r.event = 'refund' and r.occurred_at <= ${to}::timestamptz)),
            'chargebacks', count(*) filter (where exists (select 1 from conversions r where r.offer_id = s.offer_id and r.txn_id = s.txn_id and r.event = 'chargeback' and r.occurred_at <= ${to}::timestamptz)))
          from conversions s
          where s.partner_id = ${q.partnerId} and s.program_id = ${q.programId} and s.amount > 0 and s.event not in ${notReversal} and s.event <> 'ngr'
            and s.occurred_at > ${iso(since(at, w.refundDays * DAY_MS))}::timestamptz and s.occurred_at <= ${to}::timestamptz${decided("s")}) as refunds,
        (select json_build_object('matured', count(*),
            'withoutDeposit', count(*) filter (where not exists (
              select 1 from conversions d where d.program_id = r.program_id and d.customer_id = r.customer_id and d.event in ('ftd', 'deposit')
                and d.occurred_at >= r.occurred_at and d.occurred_at <= r.occurred_at + make_interval(days => ${w.followUpAfterDays}))))
          from conversions r
          where r.partner_id = ${q.partnerId} and r.program_id = ${q.programId} and r.event = 'registration' and r.customer_id is not null
            and r.occurred_at <= ${iso(maturedBy)}::timestamptz and r.occurred_at > ${iso(since(maturedBy, FOLLOW_UP_LOOKBACK_DAYS * DAY_MS))}::timestamptz${decided("r")}) as follow_up`),
  );
  if (!row) throw new Error("history query returned no row");
  const num = (v: unknown) => (v === null || v === undefined ? undefined : int(v));
  const refunds = json<{ sales: number; refunds: number; chargebacks: number }>(row.refunds);
  const followUp = json<{ matured: number; withoutDeposit: number }>(row.follow_up);
  return {
    duplicates: click ? { byIp: num(row.by_ip), byVisitor: num(row.by_visitor) } : null,
    customerConversions: row.customer_convs === null ? undefined : (occurrences(row.customer_convs) as (Occurrence & { partnerId: string })[]),
    registrationsFromIp: row.registrations === null ? undefined : occurrences(row.registrations),
    clickStats: { clicks: int(row.partner_clicks), conversions: int(row.partner_conversions) },
    refunds: { sales: int(refunds.sales), refunds: int(refunds.refunds), chargebacks: int(refunds.chargebacks) },
    followUp: { matured: int(followUp.matured), withoutDeposit: int(followUp.withoutDeposit) },
  };
}

type MedianKey = string;
const medians = new WeakMap<object, Map<MedianKey, { value: number | null; until: number }>>();
const MEDIAN_TTL_MS = 10 * 60_000;

/**
 * Median over the offer's partners (with at least one click and one conversion) of clicks per conversion in
 * `(start - days, start]`, where `start` is the beginning (UTC) of the day `at` falls in. It reads every click of
 * the offer in the window, so it is computed once per offer and day and kept for ten minutes: a backlog of a
 * month's conversions computes it thirty times, not once per conversion. Counting up to the day's start makes
 * the figure the same whichever conversion of the day asks first and whatever of the day was processed since: a
 * conversion's result does not depend on processing order (conversions of earlier days are processed first when
 * they were recorded first). An offer's norm on its first day is unknown, so click spamming is judged from day two.
 */
export async function offerMedianClicksPerConversion(db: DbOrTx, m: { offerId: string; at: Date; days: number }, now = Date.now()): Promise<number | null> {
  let cache = medians.get(db);
  if (!cache) medians.set(db, (cache = new Map()));
  const day = Math.floor(m.at.getTime() / DAY_MS);
  const key = `${m.offerId}:${m.days}:${day}`;
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.value;
  const start = new Date(day * DAY_MS);
  const from = iso(since(start, m.days * DAY_MS));
  const to = iso(start);
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
