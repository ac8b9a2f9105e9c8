import { and, desc, eq, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";
import { modelFits, type AttributionSource, type AttributionStatus, type StoredModel } from "@/db/schema";
import type { DecisionInput, JourneyClick } from "./decide";


type ConversionRow = {
  id: string;
  program_id: string;
  offer_id: string;
  occurred_at: string | Date;
  customer_id: string | null;
  status: AttributionStatus;
  window_days: number;
  model: StoredModel;
  priority: AttributionSource[] | string;
  click_id: string | null;
  click_at: string | Date | null;
  click_partner: string | null;
  click_link: string | null;
  sub1: string | null;
  sub2: string | null;
  sub3: string | null;
  sub4: string | null;
  sub5: string | null;
  visitor_id: string | null;
  binding_partner: string | null;
  coupon_code: string | null;
  coupon_partner: string | null;
};

type ClickRow = { cid: string; id: string; partner_id: string; link_id: string | null; created_at: string | Date } & Record<`sub${1 | 2 | 3 | 4 | 5}`, string | null>;

const NO_SUBS: (string | null)[] = [];

export type LoadedInput = DecisionInput & { programId: string; offerId: string; customerId: string | null; status: AttributionStatus; modelFitId: string | null };

const asDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));
/** PGlite may hand back a Postgres array literal as text: `{a,b}`. */
export const asArray = (v: string[] | string | null): string[] => (v === null ? [] : Array.isArray(v) ? v : v.replace(/^\{|\}$/g, "").split(",").filter(Boolean));

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

/** Which conversions to load: by id, or every decided conversion of a program in [from, to). */
export type Selector = { ids: string[] } | { programId: string; from: Date; to: Date; offerId?: string | null };

function whereOf(sel: Selector) {
  if ("ids" in sel) {
    return sql`v.id in (${sql.join(
      sel.ids.map((id) => sql`${id}`),
      sql`, `,
    )})`;
  }
  return sql`v.program_id = ${sel.programId} and v.occurred_at >= ${sel.from.toISOString()}::timestamptz and v.occurred_at < ${sel.to.toISOString()}::timestamptz
    and v.attribution_status <> 'pending'${sel.offerId ? sql` and v.offer_id = ${sel.offerId}` : sql``}`;
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
      select v.id, v.program_id, v.offer_id, v.occurred_at, v.customer_id, v.attribution_status as status,
        o.attribution_window_days as window_days, coalesce(o.attribution_model, p.attribution_model) as model,
        p.attribution_priority as priority,
        c.id as click_id, c.created_at as click_at, c.partner_id as click_partner, c.link_id as click_link,
        c.sub1, c.sub2, c.sub3, c.sub4, c.sub5, c.visitor_id,
        b.partner_id as binding_partner, v.coupon_code, cp.partner_id as coupon_partner
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
  const clicks = rowsOf<ClickRow>(
    await db.execute(sql`
      with conv as (
        select v.id, v.program_id, v.offer_id, v.customer_id, v.occurred_at,
          v.occurred_at - make_interval(days => o.attribution_window_days) as from_at, k.visitor_id
        from conversions v join offers o on o.id = v.offer_id left join clicks k on k.id = v.click_id
        where ${where}
      ),
      vis as (
        select id as cid, visitor_id as visitor from conv where visitor_id is not null
        union
        select conv.id, c2.visitor_id from conv
          join conversions v2 on v2.program_id = conv.program_id and v2.customer_id = conv.customer_id
          join clicks c2 on c2.id = v2.click_id
        where conv.customer_id is not null and conv.visitor_id is not null and c2.visitor_id is not null
      )
      select distinct vis.cid, c.*
      from vis join conv on conv.id = vis.cid
      -- A lateral subquery behind OFFSET 0 is not flattened: one index probe per visitor
      -- (clicks_visitor_id_idx) instead of the hash join over every click the planner picks for big slices.
      cross join lateral (
        select c.id, c.partner_id, c.created_at${opts.lean ? sql`` : sql`, c.link_id, c.sub1, c.sub2, c.sub3, c.sub4, c.sub5`}
        from clicks c
        where c.visitor_id = vis.visitor and c.offer_id = conv.offer_id and c.created_at >= conv.from_at and c.created_at <= conv.occurred_at
        offset 0
      ) c`),
  );
  const journeys = new Map<string, JourneyClick[]>();
  for (const c of clicks) {
    let j = journeys.get(c.cid);
    if (!j) journeys.set(c.cid, (j = []));
    // lean (the simulator): no link or sub-IDs, which only explanations show
    j.push({ clickId: c.id, at: asDate(c.created_at), partnerId: c.partner_id, linkId: c.link_id ?? null, sub: opts.lean ? NO_SUBS : [c.sub1, c.sub2, c.sub3, c.sub4, c.sub5] });
  }

  const model = (r: ConversionRow) => r.model;
  const needFits = [...new Set(rows.filter((r) => model(r).model === "data_driven").map((r) => r.program_id))];
  const fits = needFits.length > 0 ? await latestFits(db, needFits) : new Map();

  return rows.map((r) => {
    const fit = model(r).model === "data_driven" ? (fits.get(r.program_id) ?? null) : null;
    return {
      conversionId: r.id,
      programId: r.program_id,
      offerId: r.offer_id,
      customerId: r.customer_id,
      status: r.status,
      occurredAt: asDate(r.occurred_at),
      windowDays: r.window_days,
      model: model(r),
      priority: asArray(r.priority as string[] | string) as AttributionSource[],
      reportedClick:
        r.click_id && r.click_at && r.click_partner
          ? { clickId: r.click_id, at: asDate(r.click_at), partnerId: r.click_partner, linkId: r.click_link, sub: [r.sub1, r.sub2, r.sub3, r.sub4, r.sub5] }
          : null,
      journey: journeys.get(r.id) ?? [],
      bindingPartnerId: r.binding_partner,
      coupon: r.coupon_code && r.coupon_partner ? { code: r.coupon_code, partnerId: r.coupon_partner } : null,
      learnedWeights: fit?.weights ?? null,
      modelFitId: fit?.id ?? null,
    };
  });
}
