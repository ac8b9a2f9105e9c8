import { sql, type SQL } from "drizzle-orm";
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

/**
 * A condition the partner's own index must not be traded for: `(cond) is true` filters the same rows but is no
 * index condition. Without it, the planner's estimates right after a burst (a new month's click partition, stats
 * taken when it held a few rows) picked the offer's or program's index and filtered out every other partner's
 * rows: 75,000 clicks read per conversion, 29 ms each, in `npm run bench:tracking`.
 */
const onPartnerIndex = (cond: string) => sql.raw(`(${cond}) is true`);

const iso = (d: Date) => d.toISOString();
const since = (at: Date, ms: number) => new Date(at.getTime() - ms);
const asDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));
const int = (v: unknown) => Number(v ?? 0);

type Click = { linkId: string; ip: string | null; visitorId: string | null; at: Date };

/** What `loadHistories` reads for one conversion; each part is left out (undefined) when its input is missing. */
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
   * Where this conversion stands among the ones a batch claimed (1 is the first; see `loadHistories`' `later`):
   * those claimed after it are left out of the counts that read attribution (whose partner a conversion went
   * to). The batch attributes all of its conversions before it checks any, and one by one those would still be
   * pending when this one is checked; leaving them out makes both give the same result.
   */
  position?: number;
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

/** One query's parameters as the batch statement reads them (`x`): times as ISO strings, absent parts null. */
function paramsOf(q: HistoryQuery, n: number) {
  const { at, click, windows: w } = q;
  const maturedBy = since(at, w.followUpAfterDays * DAY_MS);
  return {
    n,
    pos: q.position ?? 0,
    program_id: q.programId,
    offer_id: q.offerId,
    partner_id: q.partnerId,
    conversion_id: q.conversionId,
    at: iso(at),
    link_id: click?.linkId ?? null,
    click_ip: click?.ip ?? null,
    visitor_id: click?.visitorId ?? null,
    click_at: click ? iso(click.at) : null,
    dup_from: click ? iso(since(click.at, w.duplicateSeconds * 1000)) : null,
    customer_id: q.customerId,
    customer_ip: q.customerIp,
    cust_from: iso(since(at, w.customerDays * DAY_MS)),
    reg_from: iso(since(at, w.registrationSeconds * 1000)),
    spam_from: iso(since(at, w.clickSpamDays * DAY_MS)),
    refund_from: iso(since(at, w.refundDays * DAY_MS)),
    matured_by: iso(maturedBy),
    matured_from: iso(since(maturedBy, FOLLOW_UP_LOOKBACK_DAYS * DAY_MS)),
    history_from: iso(new Date(Math.min(at.getTime() - w.clickSpamDays * DAY_MS, at.getTime() - w.refundDays * DAY_MS, since(maturedBy, FOLLOW_UP_LOOKBACK_DAYS * DAY_MS).getTime()))),
    follow_days: w.followUpAfterDays,
  };
}

/**
 * Everything the conversion rules count in the database, for many conversions in one statement (one round trip
 * and one plan for the lot; each part a subquery over its own index, run once per conversion):
 * - clicks on the click's link from its IP and from its visitor, in `[at - window, at]`, the click included;
 * - attributed conversions in the program by the same customer id, or from a click of the same visitor (device;
 *   read from the visitor's clicks to their conversions, never the other way round, which the planner otherwise
 *   picks from its estimates: all conversions in the window are far more than one visitor's clicks);
 * - registrations in the program from the customer's IP;
 * - the partner's clicks and conversions on the offer (click spamming);
 * - the partner's sales and how many were refunded or charged back;
 * - the partner's registrations that matured `afterDays` ago (over the last 90 days of them), and how many of
 *   those customers made no FTD or deposit in that time.
 * `later` lists conversions by position (see HistoryQuery.position): those after a query's own position are
 * left out of the counts that read attribution, as they would be if the conversions were checked one by one.
 * The result is each query's history, in the order of `queries`.
 */
export async function loadHistories(db: DbOrTx, queries: readonly HistoryQuery[], later: readonly string[] = []): Promise<History[]> {
  if (queries.length === 0) return [];
  const rows = rowsOf<Record<string, unknown>>(await db.execute(historyStatement(queries, later)));
  const byN = new Map(rows.map((r) => [int(r.n), r]));
  const num = (v: unknown) => (v === null || v === undefined ? undefined : int(v));
  return queries.map((q, n) => {
    const row = byN.get(n);
    if (!row) throw new Error("history query returned no row");
    return {
      duplicates: q.click ? { byIp: num(row.by_ip), byVisitor: num(row.by_visitor) } : null,
      customerConversions: row.customer_convs === null ? undefined : (occurrences(row.customer_convs) as (Occurrence & { partnerId: string })[]),
      registrationsFromIp: row.registrations === null ? undefined : occurrences(row.registrations),
      clickStats: { clicks: int(row.partner_clicks), conversions: int(row.partner_conversions) },
      refunds: { sales: int(row.sales), refunds: int(row.refunded), chargebacks: int(row.charged_back) },
      followUp: { matured: int(row.matured), withoutDeposit: int(row.without_deposit) },
    };
  });
}

/** The statement `loadHistories` runs (exported for the test that reads its plan). */
export function historyStatement(queries: readonly HistoryQuery[], later: readonly string[] = []): SQL {
  const params = JSON.stringify(queries.map(paramsOf));
  // `decided(p)`: conversion p was not claimed after the query's own one (x.not_yet: a few dozen ids at most)
  const decided = (alias: string) => (later.length > 0 ? sql` and ${sql.raw(alias)}.id <> all(x.not_yet)` : sql``);
  const custBase = sql`c.program_id = x.program_id and c.id <> x.conversion_id${decided("c")} and c.attribution_status = 'attributed' and c.partner_id is not null
    and c.event not in ${notReversal} and c.occurred_at between x.cust_from and x.at`;
  // The partner's own history: one pass over their conversions from the earliest of the three windows (click
  // spamming's, the refund rate's, the follow-up's matured registrations) to the conversion's time, on the partner's
  // index alone, each figure counting its own window. Hundreds of rows: testing each against x.not_yet would cost
  // more than reading them, so the conversions claimed after the query's (`later`, read once for the batch) that
  // match are counted the same way and taken off: the same figures.
  const sale = sql`h.program_id = x.program_id and h.amount > 0 and h.event not in ${notReversal} and h.event <> 'ngr' and h.occurred_at > x.refund_from`;
  const matured = sql`h.program_id = x.program_id and h.event = 'registration' and h.customer_id is not null and h.occurred_at <= x.matured_by and h.occurred_at > x.matured_from`;
  // each row's conditions worked out once (`offset 0` keeps the subquery from being folded into the counts)
  const flags = sql`h.occurred_at, h.refunded_at, h.charged_back_at, h.followed_at,
    (h.attribution_status = 'attributed' and h.offer_id = x.offer_id and h.event not in ${notReversal} and h.occurred_at > x.spam_from) as is_conv,
    (${sale}) as is_sale, (${matured}) as is_matured`;
  const counts = {
    partner_conversions: sql`count(*) filter (where h.is_conv)`,
    sales: sql`count(*) filter (where h.is_sale)`,
    refunded: sql`count(*) filter (where h.is_sale and h.refunded_at <= x.at)`,
    charged_back: sql`count(*) filter (where h.is_sale and h.charged_back_at <= x.at)`,
    matured: sql`count(*) filter (where h.is_matured)`,
    without_deposit: sql`count(*) filter (where h.is_matured and (h.followed_at is null or h.followed_at > h.occurred_at + make_interval(days => x.follow_days)))`,
  };
  const list = sql.join(Object.entries(counts).map(([k, c]) => sql`${c}::int as ${sql.raw(k)}`), sql`, `);
  const window = sql`h.partner_id = x.partner_id and h.occurred_at > x.history_from and h.occurred_at <= x.at`;
  const own = sql`cross join lateral (select ${list} from (select ${flags} from conversions h where ${window} offset 0) h) h_all`;
  const theirs = later.length > 0 ? sql`cross join lateral (select ${list} from (select ${flags} from later h where h.pos > x.pos and ${window} offset 0) h) h_later` : sql``;
  const columns = sql.raw(Object.keys(counts).map((k) => (later.length > 0 ? `h_all.${k} - h_later.${k} as ${k}` : `h_all.${k} as ${k}`)).join(", "));
  const q = sql`
      with later as materialized (
        select c.*, l.pos from (
          select id, max(pos)::int as pos from jsonb_array_elements_text(${JSON.stringify(later)}::jsonb) with ordinality as l(id, pos) group by id
        ) l join conversions c on c.id = l.id
      ), x as (
        select q.*, array(select l.id from later l where l.pos > q.pos) as not_yet
        from jsonb_to_recordset(${params}::jsonb) as q(n int, pos int, program_id text, offer_id text, partner_id text, conversion_id text,
          at timestamptz, link_id text, click_ip inet, visitor_id text, click_at timestamptz, dup_from timestamptz, customer_id text, customer_ip inet,
          cust_from timestamptz, reg_from timestamptz, spam_from timestamptz, refund_from timestamptz, matured_by timestamptz, matured_from timestamptz, history_from timestamptz, follow_days int)
      )
      select x.n,
        case when x.click_ip is null then null else (select count(*)::int from clicks where link_id = x.link_id and ip = x.click_ip and created_at between x.dup_from and x.click_at) end as by_ip,
        case when x.visitor_id is null then null else (select count(*)::int from clicks where visitor_id = x.visitor_id and link_id = x.link_id and created_at between x.dup_from and x.click_at) end as by_visitor,
        case when x.customer_id is null and x.visitor_id is null then null else (
          select coalesce(json_agg(json_build_object('id', y.id, 'at', y.occurred_at, 'partnerId', y.partner_id)), '[]'::json) from (
            select c.id, c.occurred_at, c.partner_id from conversions c where x.customer_id is not null and c.customer_id = x.customer_id and ${custBase}
            union
            select c.id, c.occurred_at, c.partner_id from (
              select * from conversions where x.visitor_id is not null and click_id = any(array(select k.id from clicks k where k.visitor_id = x.visitor_id)) offset 0) c
              where ${custBase}
            limit ${CAP}) y) end as customer_convs,
        case when x.customer_ip is null then null else (
          select coalesce(json_agg(json_build_object('id', y.id, 'at', y.occurred_at)), '[]'::json) from (
            select id, occurred_at from conversions
            where customer_ip = x.customer_ip and program_id = x.program_id and event = 'registration' and occurred_at between x.reg_from and x.at
            limit ${CAP}) y) end as registrations,
        (select count(*)::int from clicks where partner_id = x.partner_id and ${onPartnerIndex("offer_id = x.offer_id")} and created_at > x.spam_from and created_at <= x.at) as partner_clicks,
        ${columns}
      from x ${own} ${theirs}`;
  return q;
}

/** One UTC day's figures on one offer, by partner: clicks and attributed conversions. */
type DaySlice = Map<string, { clicks: number; conversions: number }>;
const slices = new WeakMap<object, Map<string, { value: Promise<DaySlice>; until: number }>>();
const medians = new WeakMap<object, Map<string, { value: Promise<number | null>; until: number }>>();
const MEDIAN_TTL_MS = 10 * 60_000;

/**
 * Median over the offer's partners (with at least one click and one conversion) of clicks per conversion in
 * `(start - days, start]`, where `start` is the beginning (UTC) of the day `at` falls in. Counting up to the
 * day's start makes the figure the same whichever conversion of the day asks first and whatever of the day was
 * processed since: a conversion's result does not depend on processing order (conversions of earlier days are
 * processed first when they were recorded first). An offer's norm on its first day is unknown, so click
 * spamming is judged from day two.
 *
 * The window is read as whole days, `(d, d + 1]` each, every day's per-partner counts kept for ten minutes: a
 * backlog of a month's conversions reads each day's clicks once, not the whole window once per day (which read
 * every click of the offer thirty times over). Days not yet kept are read together in one statement, and a
 * day being read is shared, so a batch whose conversions fall on one day asks the database once.
 */
export async function offerMedianClicksPerConversion(db: DbOrTx, m: { offerId: string; at: Date; days: number }, now = Date.now()): Promise<number | null> {
  let cache = medians.get(db);
  if (!cache) medians.set(db, (cache = new Map()));
  const day = Math.floor(m.at.getTime() / DAY_MS);
  const key = `${m.offerId}:${m.days}:${day}`;
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.value;
  for (const [k, v] of cache) if (v.until <= now) cache.delete(k);
  const days = daySlices(db, m.offerId, day - m.days, day - 1, now);
  // kept as long as the oldest day it was worked out from
  const entry = { value: Promise.all(days.map((d) => d.value)).then(medianOf), until: Math.min(now + MEDIAN_TTL_MS, ...days.map((d) => d.until)) };
  cache.set(key, entry);
  const c = cache;
  entry.value.catch(() => {
    if (c.get(key) === entry) c.delete(key);
  });
  return entry.value;
}

/** The median of clicks per conversion over the partners with both, from the window's day slices. */
function medianOf(days: DaySlice[]): number | null {
  const totals = new Map<string, { clicks: number; conversions: number }>();
  for (const slice of days)
    for (const [partnerId, s] of slice) {
      const t = totals.get(partnerId) ?? { clicks: 0, conversions: 0 };
      t.clicks += s.clicks;
      t.conversions += s.conversions;
      totals.set(partnerId, t);
    }
  const ratios = [...totals.values()].filter((t) => t.clicks > 0 && t.conversions > 0).map((t) => t.clicks / t.conversions);
  return percentileCont(ratios, 0.5);
}

/** PostgreSQL's `percentile_cont`: the value at `p` of the sorted values, interpolated as it does (`lo + (hi - lo) * f`). */
function percentileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  return lo === hi ? a : a + (sorted[hi]! - a) * (pos - lo);
}

/** The offer's day slices `first..last` (UTC day numbers), from the cache or read at once. */
function daySlices(db: DbOrTx, offerId: string, first: number, last: number, now: number): { value: Promise<DaySlice>; until: number }[] {
  let cache = slices.get(db);
  if (!cache) slices.set(db, (cache = new Map()));
  for (const [k, v] of cache) if (v.until <= now) cache.delete(k);
  const missing: number[] = [];
  for (let d = first; d <= last; d++) if (!cache.has(`${offerId}:${d}`)) missing.push(d);
  if (missing.length > 0) {
    const from = missing[0]!;
    const to = missing[missing.length - 1]!;
    const read = readDays(db, offerId, from, to);
    const c = cache;
    for (const d of missing) {
      const key = `${offerId}:${d}`;
      const entry = { value: read.then((byDay) => byDay.get(d) ?? new Map()), until: now + MEDIAN_TTL_MS };
      c.set(key, entry);
      // a failed read is not kept: the next conversion asks again
      entry.value.catch(() => {
        if (c.get(key) === entry) c.delete(key);
      });
    }
  }
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => cache.get(`${offerId}:${first + i}`)!);
}

/** Per day `d` in `from..to`, `(d, d + 1]` in UTC, each partner's clicks and attributed conversions on the offer. */
async function readDays(db: DbOrTx, offerId: string, from: number, to: number): Promise<Map<number, DaySlice>> {
  const lo = iso(new Date(from * DAY_MS));
  const hi = iso(new Date((to + 1) * DAY_MS));
  // the day (d, d + 1] a time falls in: ceil(t / day) - 1, on the exact epoch (numeric, microseconds)
  const dayOf = (col: string) => sql.raw(`(ceil(extract(epoch from ${col}) / 86400) - 1)::int`);
  const rows = rowsOf<{ kind: string; day: number; partner_id: string; n: number }>(
    await db.execute(sql`
      select 'k' as kind, ${dayOf("created_at")} as day, partner_id, count(*)::int as n from clicks
      where offer_id = ${offerId} and created_at > ${lo}::timestamptz and created_at <= ${hi}::timestamptz group by 2, 3
      union all
      select 'v', ${dayOf("occurred_at")}, partner_id, count(*)::int from conversions
      where offer_id = ${offerId} and attribution_status = 'attributed' and partner_id is not null and event not in ${notReversal}
        and occurred_at > ${lo}::timestamptz and occurred_at <= ${hi}::timestamptz group by 2, 3`),
  );
  const byDay = new Map<number, DaySlice>();
  for (const r of rows) {
    const d = Number(r.day);
    let slice = byDay.get(d);
    if (!slice) byDay.set(d, (slice = new Map()));
    const s = slice.get(r.partner_id) ?? { clicks: 0, conversions: 0 };
    if (r.kind === "k") s.clicks += Number(r.n);
    else s.conversions += Number(r.n);
    slice.set(r.partner_id, s);
  }
  return byDay;
}

/**
 * Applies what these conversions tell other rows, again, now that they are committed: a refund's or chargeback's
 * time to its transaction's sales (refunded_at, charged_back_at), an FTD's or deposit's to its customer's earlier
 * registrations (followed_at). The insert triggers of db/migrations/0026_fraud_history_columns.sql do it as each
 * row is written, but two rows written at the same moment in separate transactions cannot see each other; the
 * conversion job calls this before its fraud check, so by the time a reversal or deposit is processed the rows it
 * concerns carry it. Idempotent: a time is only ever moved earlier.
 */
export async function healHistoryColumns(db: DbOrTx, conversionIds: readonly string[]): Promise<void> {
  if (conversionIds.length === 0) return;
  const ids = sql`(select jsonb_array_elements_text(${JSON.stringify(conversionIds)}::jsonb))`;
  // two statements: a registration can share its transaction id with a refunded sale, and one statement must not
  // update a row twice
  await db.execute(sql`
    update conversions s set refunded_at = least(s.refunded_at, r.refunded), charged_back_at = least(s.charged_back_at, r.charged_back)
    from (
      select offer_id, txn_id, min(occurred_at) filter (where event = 'refund') as refunded, min(occurred_at) filter (where event = 'chargeback') as charged_back
      from conversions where id in ${ids} and event in ${notReversal} group by offer_id, txn_id
    ) r
    where s.offer_id = r.offer_id and s.txn_id = r.txn_id and s.event not in ${notReversal}
      and (s.refunded_at is distinct from least(s.refunded_at, r.refunded) or s.charged_back_at is distinct from least(s.charged_back_at, r.charged_back))`);
  await db.execute(sql`
    update conversions g set followed_at = f.followed
    from (
      select g2.id, min(d.occurred_at) as followed
      from conversions d join conversions g2 on g2.program_id = d.program_id and g2.customer_id = d.customer_id and g2.event = 'registration' and g2.occurred_at <= d.occurred_at
      where d.id in ${ids} and d.event in ('ftd', 'deposit') and d.customer_id is not null
      group by g2.id
    ) f
    where g.id = f.id and (g.followed_at is null or g.followed_at > f.followed)`);
}
