import { and, desc, eq, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";
import { modelFits, type AttributionSource, type AttributionStatus, type StoredModel } from "@/db/schema";
import { refusedPartners } from "@/server/commissions/refused-partners";
import type { DecisionInput, JourneyClick } from "./decide";

type ConversionRow = {
  id: string;
  event: string;
  program_id: string;
  offer_id: string;
  occurred_at: string | Date;
  customer_id: string | null;
  status: AttributionStatus;
  window_days: number;
  /** As text: the same few values on every row, parsed once per value (see `parsedOnce`). */
  model: string;
  priority: string;
  click_id: string | null;
  click_at: string | Date | null;
  click_partner: string | null;
  click_refused: string | null;
  /** Not loaded when lean. */
  click_link?: string | null;
  sub1?: string | null;
  sub2?: string | null;
  sub3?: string | null;
  sub4?: string | null;
  sub5?: string | null;
  visitor_id: string | null;
  binding_partner: string | null;
  coupon_code: string | null;
  coupon_partner: string | null;
};

/** `n`: the index of the conversion in the rows of the first query. */
type ClickRow = { n: number; id: string; partner_id: string; link_id: string | null; created_at: string | Date; not_credited_reason: string | null } & Record<`sub${1 | 2 | 3 | 4 | 5}`, string | null>;

const NO_SUBS: (string | null)[] = [];

export type LoadedInput = DecisionInput & { event: string; programId: string; offerId: string; customerId: string | null; status: AttributionStatus; modelFitId: string | null };

const asDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));
/** PGlite may hand back a Postgres array literal as text: `{a,b}`. */
export const asArray = (v: string[] | string | null): string[] => (v === null ? [] : Array.isArray(v) ? v : v.replace(/^\{|\}$/g, "").split(",").filter(Boolean));

/** `parse` memoised by its text, for columns that repeat a few values over thousands of rows. Callers must not mutate the results. */
function parsedOnce<T>(parse: (text: string) => T): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    let value = seen.get(text);
    if (value === undefined) seen.set(text, (value = parse(text)));
    return value;
  };
}

/** Each program's latest data-driven fit with enough data, or null. */
export async function latestFits(db: DbOrTx, programIds: string[]): Promise<Map<string, { id: string; weights: Record<string, number> } | null>> {
  const out = new Map<string, { id: string; weights: Record<string, number> } | null>();
  for (const programId of programIds) {
    const [fit] = await db
      .select({ id: modelFits.id, weights: modelFits.weights })
      .from(modelFits)
      .where(and(eq(modelFits.programId, programId), eq(modelFits.sufficient, true)))
      .orderBy(desc(modelFits.createdAt))
      .limit(1);
    out.set(programId, fit ?? null);
  }
  return out;
}

/** Which conversions to load: by id, or every decided conversion of a program in [from, to); conversions moved
 * here from another platform (import_id) are history, never re-attributed, simulated or learned from. */
export type Selector = { ids: string[] } | { programId: string; from: Date; to: Date; offerId?: string | null };

function whereOf(sel: Selector) {
  if ("ids" in sel) {
    return sql`v.id in (${sql.join(
      sel.ids.map((id) => sql`${id}`),
      sql`, `,
    )})`;
  }
  return sql`v.program_id = ${sel.programId} and v.occurred_at >= ${sel.from.toISOString()}::timestamptz and v.occurred_at < ${sel.to.toISOString()}::timestamptz
    and v.attribution_status <> 'pending' and v.import_id is null${sel.offerId ? sql` and v.offer_id = ${sel.offerId}` : sql``}`;
}

/**
 * Loads what attribution needs for many conversions in two queries: the conversions with their offer's
 * window and model, the program's priority, the reported click, the customer's binding and coupon; then
 * every journey click (the reported click's visitor, or the bound customer's other known devices) inside
 * the window, joined in the database. `lean` leaves out what only an explanation needs (links, sub-IDs).
 */
export async function loadInputs(db: DbOrTx, sel: Selector | string[], opts: { lean?: boolean } = {}): Promise<LoadedInput[]> {
  const selector: Selector = Array.isArray(sel) ? { ids: sel } : sel;
  if ("ids" in selector && selector.ids.length === 0) return [];
  const where = whereOf(selector);
  const rows = rowsOf<ConversionRow>(
    await db.execute(sql`
      select v.id, v.event, v.program_id, v.offer_id, v.occurred_at, v.customer_id, v.attribution_status as status,
        o.attribution_window_days as window_days, coalesce(o.attribution_model, p.attribution_model)::text as model,
        p.attribution_priority::text as priority,
        c.id as click_id, c.created_at as click_at, c.partner_id as click_partner, c.not_credited_reason as click_refused,${opts.lean ? sql`` : sql` c.link_id as click_link, c.sub1, c.sub2, c.sub3, c.sub4, c.sub5,`}
        c.visitor_id, b.partner_id as binding_partner, v.coupon_code, cp.partner_id as coupon_partner
      from conversions v
      join offers o on o.id = v.offer_id
      join programs p on p.id = v.program_id
      left join clicks c on c.id = v.click_id
      left join customer_bindings b on b.program_id = v.program_id and b.customer_id = v.customer_id
      left join coupons cp on cp.program_id = v.program_id and cp.code = v.coupon_code and cp.status = 'active'
      where ${where}`),
  );
  if (rows.length === 0) return [];

  // Journey clicks: same visitor as the reported click, or any device the customer converted on before.
  // Only conversions whose reported click has a visitor have a journey. They are passed in with that visitor
  // and their index in `rows`, rather than found again by the selector: that would repeat the join to each
  // reported click, and each click row would carry the conversion's id instead of a small number.
  const anchors = JSON.stringify(rows.flatMap((r, n) => (r.visitor_id === null ? [] : [{ n, id: r.id, visitor: r.visitor_id }])));
  const clicks = rowsOf<ClickRow>(
    await db.execute(sql`
      with conv as (
        select x.n, v.program_id, v.offer_id, v.customer_id, v.occurred_at,
          v.occurred_at - make_interval(days => o.attribution_window_days) as from_at, x.visitor as visitor_id
        from json_to_recordset(${anchors}::json) as x(n int, id text, visitor text)
        join conversions v on v.id = x.id join offers o on o.id = v.offer_id
      ),
      -- Distinct (conversion, visitor) pairs: each visitor's clicks are then found once per conversion.
      vis as (
        select n, visitor_id as visitor from conv
        union
        select conv.n, c2.visitor_id from conv
          join conversions v2 on v2.program_id = conv.program_id and v2.customer_id = conv.customer_id
          join clicks c2 on c2.id = v2.click_id
        where conv.customer_id is not null and c2.visitor_id is not null
      )
      select vis.n, c.*
      from vis join conv on conv.n = vis.n
      -- A lateral subquery behind OFFSET 0 is not flattened: one index probe per visitor
      -- (clicks_visitor_id_idx) instead of the hash join over every click the planner picks for big slices.
      cross join lateral (
        select c.id, c.partner_id, c.created_at, c.not_credited_reason${opts.lean ? sql`` : sql`, c.link_id, c.sub1, c.sub2, c.sub3, c.sub4, c.sub5`}
        from clicks c
        where c.visitor_id = vis.visitor and c.offer_id = conv.offer_id and c.created_at >= conv.from_at and c.created_at <= conv.occurred_at
        offset 0
      ) c`),
  );
  const journeys: (JourneyClick[] | undefined)[] = new Array(rows.length);
  for (const c of clicks) {
    // lean (the simulator): no link or sub-IDs, which only explanations show
    (journeys[c.n] ??= []).push({ clickId: c.id, at: asDate(c.created_at), partnerId: c.partner_id, linkId: c.link_id ?? null, sub: opts.lean ? NO_SUBS : [c.sub1, c.sub2, c.sub3, c.sub4, c.sub5], notCredited: c.not_credited_reason });
  }
  const refused = await refusedPartners(db, [...rows.flatMap((r) => [r.click_partner, r.binding_partner, r.coupon_partner]), ...clicks.map((c) => c.partner_id)]);

  const modelOf = parsedOnce((text) => JSON.parse(text) as StoredModel);
  const priorityOf = parsedOnce((text) => asArray(text) as AttributionSource[]);
  const needFits = [...new Set(rows.filter((r) => modelOf(r.model).model === "data_driven").map((r) => r.program_id))];
  const fits = needFits.length > 0 ? await latestFits(db, needFits) : new Map();

  return rows.map((r, n) => {
    const model = modelOf(r.model);
    const fit = model.model === "data_driven" ? (fits.get(r.program_id) ?? null) : null;
    return {
      conversionId: r.id,
      event: r.event,
      programId: r.program_id,
      offerId: r.offer_id,
      customerId: r.customer_id,
      status: r.status,
      occurredAt: asDate(r.occurred_at),
      windowDays: r.window_days,
      model,
      priority: priorityOf(r.priority),
      reportedClick:
        r.click_id && r.click_at && r.click_partner
          ? {
              clickId: r.click_id,
              at: asDate(r.click_at),
              partnerId: r.click_partner,
              linkId: r.click_link ?? null,
              sub: opts.lean ? NO_SUBS : [r.sub1 ?? null, r.sub2 ?? null, r.sub3 ?? null, r.sub4 ?? null, r.sub5 ?? null],
              notCredited: r.click_refused,
            }
          : null,
      journey: journeys[n] ?? [],
      bindingPartnerId: r.binding_partner,
      coupon: r.coupon_code && r.coupon_partner ? { code: r.coupon_code, partnerId: r.coupon_partner } : null,
      learnedWeights: fit?.weights ?? null,
      refused,
      modelFitId: fit?.id ?? null,
    };
  });
}
