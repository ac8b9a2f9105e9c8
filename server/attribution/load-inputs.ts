import { and, desc, eq, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";
import { modelFits, type AttributionSource, type AttributionStatus, type StoredModel } from "@/db/schema";
import type { DecisionInput, JourneyClick } from "./decide";

const DAY_MS = 86_400_000;

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
  customer_visitors: string[] | string | null;
};

type ClickRow = { cid: string; id: string; partner_id: string; link_id: string | null; created_at: string | Date } & Record<`sub${1 | 2 | 3 | 4 | 5}`, string | null>;

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

/**
 * Loads what attribution needs for many conversions in two queries: the conversions with their offer's
 * window and model, the program's priority, the reported click, the customer's binding and coupon; then
 * every journey click (same visitor cookie, or the customer's other known devices) inside the window.
 * `modelOverride` replaces every offer's model (the simulator's "what if").
 */
export async function loadInputs(db: DbOrTx, ids: string[], opts: { modelOverride?: StoredModel } = {}): Promise<LoadedInput[]> {
  if (ids.length === 0) return [];
  const rows = rowsOf<ConversionRow>(
    await db.execute(sql`
      select v.id, v.program_id, v.offer_id, v.occurred_at, v.customer_id, v.attribution_status as status,
        o.attribution_window_days as window_days, coalesce(o.attribution_model, p.attribution_model) as model,
        p.attribution_priority as priority,
        c.id as click_id, c.created_at as click_at, c.partner_id as click_partner, c.link_id as click_link,
        c.sub1, c.sub2, c.sub3, c.sub4, c.sub5, c.visitor_id,
        b.partner_id as binding_partner, v.coupon_code, cp.partner_id as coupon_partner,
        case when v.customer_id is null then null else (
          select array_agg(distinct c2.visitor_id) from conversions v2 join clicks c2 on c2.id = v2.click_id
          where v2.program_id = v.program_id and v2.customer_id = v.customer_id and c2.visitor_id is not null
        ) end as customer_visitors
      from conversions v
      join offers o on o.id = v.offer_id
      join programs p on p.id = v.program_id
      left join clicks c on c.id = v.click_id
      left join customer_bindings b on b.program_id = v.program_id and b.customer_id = v.customer_id
      left join coupons cp on cp.program_id = v.program_id and cp.code = v.coupon_code and cp.status = 'active'
      where v.id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`),
  );

  // One row per (conversion, visitor) whose clicks may form the journey.
  const wanted: { cid: string; visitor: string; offer_id: string; from_at: string; to_at: string }[] = [];
  for (const r of rows) {
    const to = asDate(r.occurred_at).getTime();
    const from = to - r.window_days * DAY_MS;
    const visitors = new Set(asArray(r.customer_visitors));
    if (r.visitor_id) visitors.add(r.visitor_id);
    for (const visitor of visitors) wanted.push({ cid: r.id, visitor, offer_id: r.offer_id, from_at: new Date(from).toISOString(), to_at: new Date(to).toISOString() });
  }
  const journeys = new Map<string, Map<string, JourneyClick>>();
  if (wanted.length > 0) {
    const clicks = rowsOf<ClickRow>(
      await db.execute(sql`
        select x.cid, c.id, c.partner_id, c.link_id, c.created_at, c.sub1, c.sub2, c.sub3, c.sub4, c.sub5
        from jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) as x(cid text, visitor text, offer_id text, from_at timestamptz, to_at timestamptz)
        join clicks c on c.visitor_id = x.visitor and c.offer_id = x.offer_id and c.created_at >= x.from_at and c.created_at <= x.to_at`),
    );
    for (const c of clicks) {
      let j = journeys.get(c.cid);
      if (!j) journeys.set(c.cid, (j = new Map()));
      j.set(c.id, { clickId: c.id, at: asDate(c.created_at), partnerId: c.partner_id, linkId: c.link_id, sub: [c.sub1, c.sub2, c.sub3, c.sub4, c.sub5] });
    }
  }

  const model = (r: ConversionRow) => opts.modelOverride ?? r.model;
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
      journey: [...(journeys.get(r.id)?.values() ?? [])],
      bindingPartnerId: r.binding_partner,
      coupon: r.coupon_code && r.coupon_partner ? { code: r.coupon_code, partnerId: r.coupon_partner } : null,
      learnedWeights: fit?.weights ?? null,
      modelFitId: fit?.id ?? null,
    };
  });
}
