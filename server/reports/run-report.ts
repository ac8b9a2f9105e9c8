import { inArray, sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";
import { links, offers, partnerGroups, partners, programs } from "@/db/schema";
import { REVERSING_EVENTS } from "@/server/shared/conversion-events";
import { DomainError } from "@/server/errors";
import { ATTRIBUTE_NAMES, chooseGrain, DIMENSION_LABELS, PARTNER_ATTRIBUTES, type Attribute, type Dimension, type Grain } from "./grains";
import { ADMIN_ONLY_METRICS, METRICS, type Metric, type ReportQuery } from "./schemas";
import { EACH_PROGRAMS_ZONE, previousPeriod, reportTimeZone } from "./time-zone";

export type ReportScope = { kind: "admin" } | { kind: "partner"; partnerId: string };
/** Minor units per ISO currency: amounts of different currencies are never added together. */
export type Money = Record<string, number>;
export type ReportValues = {
  /** Banner impressions: kept per program, offer and partner only (a breakdown by link or a click attribute shows none). */
  impressions: number;
  clicks: number;
  uniqueClicks: number;
  conversions: number;
  byEvent: Record<string, number>;
  conversionRate: number;
  revenue: Money;
  commissionPending: Money;
  commissionApproved: Money;
  commissionPaid: Money;
  commissionReversed: Money;
  /** Earnings (pending + approved + paid) per click, in minor units (a fraction). */
  epc: Record<string, number>;
  margin: Money;
};
export type ReportRow = { key: Record<string, string>; label: Record<string, string>; values: ReportValues; previous?: ReportValues };
export type ReportResult = {
  dimensions: Dimension[];
  metrics: Metric[];
  rows: ReportRow[];
  total: number;
  totals: ReportValues;
  previousTotals?: ReportValues;
  currencies: string[];
  events: string[];
  timeZone: string;
  range: { from: string; to: string };
  previousRange?: { from: string; to: string };
};

const reversing = new Set<string>(REVERSING_EVENTS);
const MAX_DAYS = 800;

export const emptyValues = (): ReportValues => ({ impressions: 0, clicks: 0, uniqueClicks: 0, conversions: 0, byEvent: {}, conversionRate: 0, revenue: {}, commissionPending: {}, commissionApproved: {}, commissionPaid: {}, commissionReversed: {}, epc: {}, margin: {} });
const addTo = (m: Money, currency: string, v: number) => {
  if (v !== 0 || m[currency] !== undefined) m[currency] = (m[currency] ?? 0) + v;
};

function finish(v: ReportValues): ReportValues {
  v.conversionRate = v.clicks > 0 ? v.conversions / v.clicks : 0;
  const currencies = new Set([...Object.keys(v.revenue), ...Object.keys(v.commissionPending), ...Object.keys(v.commissionApproved), ...Object.keys(v.commissionPaid)]);
  for (const c of currencies) {
    const earned = (v.commissionPending[c] ?? 0) + (v.commissionApproved[c] ?? 0) + (v.commissionPaid[c] ?? 0);
    v.epc[c] = v.clicks > 0 ? earned / v.clicks : 0;
    v.margin[c] = (v.revenue[c] ?? 0) - earned;
  }
  return v;
}

function dimensionSql(d: Dimension, g: Grain): SQL {
  switch (d) {
    case "day":
      return sql`to_char(day, 'YYYY-MM-DD')`;
    case "week":
      return sql`to_char(date_trunc('week', day), 'YYYY-MM-DD')`;
    case "month":
      return sql`to_char(day, 'YYYY-MM')`;
    case "program":
      return sql.raw("program_id");
    case "offer":
      return sql.raw("offer_id");
    case "partner":
      return sql.raw("partner_id");
    case "link":
      return sql.raw("link_id");
    case "event":
      return sql.raw("event");
    case "partner_type":
      return sql.raw("coalesce((select p.type from partners p where p.id = report_rollups.partner_id), '')");
    case "partner_group":
      // one row per group the partner is in (the lateral join in aggregate); the totals are taken without it
      return sql.raw("coalesce(gm.group_id, '')");
    default:
      return sql.raw(g.attrs.indexOf(d as Attribute) === 1 ? "d2" : "d1");
  }
}

type Raw = { k0?: string; k1?: string; k2?: string; event: string; currency: string } & Record<"impressions" | "clicks" | "unique_clicks" | "conversions" | "revenue" | "pending" | "approved" | "paid" | "reversed", string>;

async function aggregate(db: DbOrTx, q: ReportQuery, scope: ReportScope, grain: Grain, range: { from: string; to: string }): Promise<Map<string, { key: string[]; values: ReportValues }>> {
  const dims = q.dimensions.map((d, i) => sql`${dimensionSql(d, grain)} as ${sql.raw(`k${i}`)}`);
  // days are each program's own (see db/schema/reports.ts): a range is whole days, read as dates
  const where: SQL[] = [sql`grain = ${grain.name}`, sql`day >= ${range.from}::date`, sql`day <= ${range.to}::date`];
  if (scope.kind === "partner") where.push(sql`partner_id = ${scope.partnerId}`);
  const f = q.filters;
  if (f.program !== undefined) where.push(sql`program_id = ${f.program}`);
  if (f.offer !== undefined) where.push(sql`offer_id = ${f.offer}`);
  if (f.partner !== undefined) where.push(sql`partner_id = ${f.partner}`);
  if (f.link !== undefined) where.push(sql`link_id = ${f.link}`);
  if (f.event !== undefined) where.push(sql`(event = ${f.event} or event = '')`);
  if (f.partner_type !== undefined) where.push(sql`${dimensionSql("partner_type", grain)} = ${f.partner_type}`);
  if (f.partner_group !== undefined) where.push(sql`exists (select 1 from partner_group_members m where m.partner_id = report_rollups.partner_id and m.group_id = ${f.partner_group})`);
  for (const a of ATTRIBUTE_NAMES) {
    const v = (f as Record<string, string | undefined>)[a];
    if (v !== undefined) where.push(sql`${dimensionSql(a, grain)} = ${v}`);
  }
  const groups = q.dimensions.map((_, i) => sql.raw(`k${i}`));
  const rows = rowsOf<Raw>(
    await db.execute(sql`
      select ${sql.join([...dims, sql.raw("event"), sql.raw("currency")], sql`, `)},
        sum(impressions)::text as impressions, sum(clicks)::text as clicks, sum(unique_clicks)::text as unique_clicks, sum(conversions)::text as conversions, sum(revenue)::text as revenue,
        sum(commission_pending)::text as pending, sum(commission_approved)::text as approved, sum(commission_paid)::text as paid, sum(commission_reversed)::text as reversed
      from report_rollups${q.dimensions.includes("partner_group") ? sql.raw(" left join lateral (select m.group_id from partner_group_members m where m.partner_id = report_rollups.partner_id) gm on true") : sql``}
      where ${sql.join(where, sql` and `)}
      group by ${sql.join([...groups, sql.raw("event"), sql.raw("currency")], sql`, `)}`),
  );
  const out = new Map<string, { key: string[]; values: ReportValues }>();
  for (const r of rows) {
    const key = q.dimensions.map((_, i) => String((r as Record<string, unknown>)[`k${i}`] ?? ""));
    const id = key.join("\u0000");
    let entry = out.get(id);
    if (!entry) out.set(id, (entry = { key, values: emptyValues() }));
    const v = entry.values;
    v.impressions += Number(r.impressions);
    v.clicks += Number(r.clicks);
    v.uniqueClicks += Number(r.unique_clicks);
    const n = Number(r.conversions);
    if (r.event !== "" && n !== 0) {
      v.byEvent[r.event] = (v.byEvent[r.event] ?? 0) + n;
      if (!reversing.has(r.event)) v.conversions += n;
    }
    if (r.currency !== "") {
      addTo(v.revenue, r.currency, Number(r.revenue));
      addTo(v.commissionPending, r.currency, Number(r.pending));
      addTo(v.commissionApproved, r.currency, Number(r.approved));
      addTo(v.commissionPaid, r.currency, Number(r.paid));
      addTo(v.commissionReversed, r.currency, Number(r.reversed));
    }
  }
  for (const e of out.values()) finish(e.values);
  return out;
}

function sumAll(values: Iterable<ReportValues>): ReportValues {
  const t = emptyValues();
  for (const v of values) {
    t.impressions += v.impressions;
    t.clicks += v.clicks;
    t.uniqueClicks += v.uniqueClicks;
    t.conversions += v.conversions;
    for (const [e, n] of Object.entries(v.byEvent)) t.byEvent[e] = (t.byEvent[e] ?? 0) + n;
    for (const m of ["revenue", "commissionPending", "commissionApproved", "commissionPaid", "commissionReversed"] as const) for (const [c, n] of Object.entries(v[m])) addTo(t[m], c, n);
  }
  return finish(t);
}

/** A sortable number for a metric; money is compared in the report's first currency. */
function metricValue(v: ReportValues, metric: string, currency: string): number {
  if (metric.startsWith("event:")) return v.byEvent[metric.slice(6)] ?? 0;
  const x = v[metric as Metric];
  if (typeof x === "number") return x;
  return x ? (x[currency] ?? 0) : 0;
}

async function labels(db: DbOrTx, dims: readonly Dimension[], rows: ReportRow[]): Promise<void> {
  const ids = (d: Dimension) => [...new Set(rows.map((r) => r.key[d]).filter((x): x is string => !!x))];
  const names = new Map<string, string>();
  const put = (list: { id: string; name: string | null }[]) => list.forEach((x) => names.set(x.id, x.name ?? x.id));
  if (dims.includes("program") && ids("program").length) put(await db.select({ id: programs.id, name: programs.name }).from(programs).where(inArray(programs.id, ids("program"))));
  if (dims.includes("offer") && ids("offer").length) put(await db.select({ id: offers.id, name: offers.name }).from(offers).where(inArray(offers.id, ids("offer"))));
  if (dims.includes("partner") && ids("partner").length) put(await db.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, ids("partner"))));
  if (dims.includes("partner_group") && ids("partner_group").length) put(await db.select({ id: partnerGroups.id, name: partnerGroups.name }).from(partnerGroups).where(inArray(partnerGroups.id, ids("partner_group"))));
  if (dims.includes("link") && ids("link").length)
    put((await db.select({ id: links.id, code: links.code, alias: links.alias, label: links.label }).from(links).where(inArray(links.id, ids("link")))).map((l) => ({ id: l.id, name: l.label ? `${l.label} (${l.alias ?? l.code})` : (l.alias ?? l.code) })));
  for (const r of rows)
    for (const d of dims) {
      const k = r.key[d] ?? "";
      r.label[d] = k === "" ? (d === "partner" ? "(unattributed)" : d === "partner_group" ? "(no group)" : "(none)") : (names.get(k) ?? k);
    }
}

/** Rows one CSV export may hold: past it, the export asks for a narrower report instead of cutting rows off. */
export const MAX_EXPORT_ROWS = 100_000;

/**
 * The report engine: one breakdown of the rollups over a date range in the program's time zone, with totals,
 * the previous period of the same length, sorting and paging. A partner's scope filters by its id in the query.
 * One page of rows (`q.page`, `q.pageSize`) with the totals of all of them, or with `allRows` every
 * row in one pass (the CSV export; refused past MAX_EXPORT_ROWS).
 */
export async function runReport(db: DbOrTx, q: ReportQuery, scope: ReportScope, opts: { allRows?: boolean } = {}): Promise<ReportResult> {
  const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
  if (days > MAX_DAYS) throw new DomainError("BAD_REQUEST", `A report covers at most ${MAX_DAYS} days.`, "from");
  const filtered = Object.entries(q.filters)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k as Dimension);
  const grain = chooseGrain([...q.dimensions, ...filtered, ...(scope.kind === "partner" ? (["partner"] as const) : [])]);
  if (!grain) {
    const attrs = [...q.dimensions, ...filtered].filter((d) => (ATTRIBUTE_NAMES as string[]).includes(d) || d === "link");
    throw new DomainError("BAD_REQUEST", `These can't be combined: ${attrs.map((d) => DIMENSION_LABELS[d]).join(", ")}. Break down by one of link, sub-ID, country, device, OS, browser or UTM value at a time (country with device works too).`, "dimensions");
  }
  const metrics = METRICS.filter((m) => scope.kind === "admin" || !ADMIN_ONLY_METRICS.includes(m));
  const sortable = [...metrics, ...q.dimensions];
  if (!sortable.includes(q.sort.by as Metric) && !q.sort.by.startsWith("event:")) throw new DomainError("BAD_REQUEST", "Sort by a column of the report.", "sort");

  if (scope.kind === "partner" && [...q.dimensions, ...filtered].some((d) => (PARTNER_ATTRIBUTES as readonly string[]).includes(d)))
    throw new DomainError("BAD_REQUEST", "Partner type and group are the operator's breakdowns.", "dimensions");

  const tz = await reportTimeZone(db, q.filters.program);
  const current = await aggregate(db, q, scope, grain, q);
  const prevRange = q.compare ? previousPeriod(q.from, q.to) : undefined;
  const previous = prevRange ? await aggregate(db, q, scope, grain, prevRange) : undefined;
  // A partner in two groups is a row in each: the totals come from the same query without the group breakdown.
  const byGroup = q.dimensions.includes("partner_group");
  const totalsOf = async (rows: Map<string, { values: ReportValues }>, range: { from: string; to: string }) =>
    sumAll([...(byGroup ? await aggregate(db, { ...q, dimensions: [] }, scope, grain, range) : rows).values()].map((e) => e.values));

  const totals = await totalsOf(current, q);
  const currencyTotals = new Map<string, number>();
  for (const m of ["revenue", "commissionPending", "commissionApproved", "commissionPaid", "commissionReversed"] as const) for (const [c, n] of Object.entries(totals[m])) currencyTotals.set(c, (currencyTotals.get(c) ?? 0) + Math.abs(n));
  const currencies = [...currencyTotals.keys()].sort((a, b) => (currencyTotals.get(b) ?? 0) - (currencyTotals.get(a) ?? 0) || a.localeCompare(b));
  const main = currencies[0] ?? "";

  let rows: ReportRow[] = [...current.entries()].map(([id, e]) => ({
    key: Object.fromEntries(q.dimensions.map((d, i) => [d, e.key[i] ?? ""])),
    label: {},
    values: e.values,
    previous: previous ? (previous.get(id)?.values ?? emptyValues()) : undefined,
  }));
  const dir = q.sort.dir === "asc" ? 1 : -1;
  const byDim = (q.dimensions as string[]).includes(q.sort.by);
  rows.sort((a, b) => {
    const c = byDim ? (a.key[q.sort.by] ?? "").localeCompare(b.key[q.sort.by] ?? "") : metricValue(a.values, q.sort.by, main) - metricValue(b.values, q.sort.by, main);
    return c * dir || JSON.stringify(a.key).localeCompare(JSON.stringify(b.key));
  });
  const total = rows.length;
  if (opts.allRows && total > MAX_EXPORT_ROWS) throw new DomainError("BAD_REQUEST", `This report has ${total} rows; an export holds at most ${MAX_EXPORT_ROWS}. Pick a shorter range or fewer breakdowns.`, "dimensions");
  if (!opts.allRows) rows = rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  await labels(db, q.dimensions, rows);
  if (scope.kind === "partner") for (const v of [totals, ...rows.flatMap((r) => [r.values, r.previous ?? emptyValues()])]) Object.assign(v, { revenue: {}, margin: {} });
  const previousTotals = previous && prevRange ? await totalsOf(previous, prevRange) : undefined;
  if (previousTotals && scope.kind === "partner") Object.assign(previousTotals, { revenue: {}, margin: {} });
  const events = [...new Set([...current.values()].flatMap((e) => Object.keys(e.values.byEvent)))].sort();
  return { dimensions: q.dimensions, metrics, rows, total, totals, previousTotals, currencies, events, timeZone: tz ?? EACH_PROGRAMS_ZONE, range: { from: q.from, to: q.to }, previousRange: prevRange };
}
