import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";
import { DAY_MS } from "@/server/time/days";


type Totals = { partner_id: string; name: string; checked: number; flagged: number; held: number; rejected: number; open: number; appeals: number };
type Reason = { partner_id: string; code: string; category: string; n: number };
type ClickTotals = { partner_id: string; name: string; clicks: number; flagged_clicks: number };

/** Basis points of a part of a whole (0 when the whole is 0): integer, like every rate the rules use. */
const bp = (part: number, whole: number) => (whole > 0 ? Math.round((part * 10_000) / whole) : 0);

/**
 * Risk per partner over the last `days`: conversions checked and how many are now flagged, held or rejected
 * (disjoint, by the conversion's current fraud status, with rates), how many are still open or appealed, how often each rule fired on their conversions and on
 * their clicks. Riskiest first: by the share of conversions held or rejected, then by flagged clicks.
 */
export async function partnerRisk(db: DbOrTx, input: { programId: string; days: number; now?: Date }) {
  const since = new Date((input.now ?? new Date()).getTime() - input.days * DAY_MS).toISOString();
  const [totals, reasons, clickTotals, clickReasons] = await Promise.all([
    db.execute(sql`
      select f.partner_id, p.name, count(*)::int as checked,
        count(*) filter (where v.fraud_status = 'flagged')::int as flagged,
        count(*) filter (where v.fraud_status = 'held')::int as held,
        count(*) filter (where v.fraud_status = 'rejected')::int as rejected,
        count(*) filter (where f.review_status = 'open')::int as open,
        count(*) filter (where exists (select 1 from fraud_appeals a where a.check_id = f.id and a.status = 'open'))::int as appeals
      from fraud_checks f join partners p on p.id = f.partner_id join conversions v on v.id = f.conversion_id
      where f.program_id = ${input.programId} and f.created_at > ${since}::timestamptz
      group by f.partner_id, p.name`),
    db.execute(sql`
      select f.partner_id, h->>'code' as code, h->>'category' as category, count(*)::int as n
      from fraud_checks f cross join lateral jsonb_array_elements(f.hits) h
      where f.program_id = ${input.programId} and f.created_at > ${since}::timestamptz
      group by 1, 2, 3`),
    db.execute(sql`
      select c.partner_id, p.name, count(*)::int as clicks, count(cf.click_id)::int as flagged_clicks
      from clicks c join offers o on o.id = c.offer_id join partners p on p.id = c.partner_id
      left join click_fraud_findings cf on cf.click_id = c.id
      where o.program_id = ${input.programId} and c.created_at > ${since}::timestamptz
      group by c.partner_id, p.name`),
    db.execute(sql`
      select cf.partner_id, h->>'code' as code, h->>'category' as category, count(*)::int as n
      from click_fraud_findings cf join offers o on o.id = cf.offer_id cross join lateral jsonb_array_elements(cf.hits) h
      where o.program_id = ${input.programId} and cf.click_at > ${since}::timestamptz
      group by 1, 2, 3`),
  ]);
  const byPartner = new Map<string, { partnerId: string; name: string; checked: number; flagged: number; held: number; rejected: number; open: number; appeals: number; clicks: number; flaggedClicks: number }>();
  const blank = (partnerId: string, name: string) => ({ partnerId, name, checked: 0, flagged: 0, held: 0, rejected: 0, open: 0, appeals: 0, clicks: 0, flaggedClicks: 0 });
  for (const t of rowsOf<Totals>(totals)) byPartner.set(t.partner_id, { ...blank(t.partner_id, t.name), checked: t.checked, flagged: t.flagged, held: t.held, rejected: t.rejected, open: t.open, appeals: t.appeals });
  for (const c of rowsOf<ClickTotals>(clickTotals)) {
    const p = byPartner.get(c.partner_id) ?? blank(c.partner_id, c.name);
    byPartner.set(c.partner_id, { ...p, clicks: c.clicks, flaggedClicks: c.flagged_clicks });
  }
  const group = (rows: Reason[]) => {
    const out = new Map<string, { code: string; category: string; count: number }[]>();
    for (const r of rows) out.set(r.partner_id, [...(out.get(r.partner_id) ?? []), { code: r.code, category: r.category, count: Number(r.n) }]);
    for (const list of out.values()) list.sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
    return out;
  };
  const conversionReasons = group(rowsOf<Reason>(reasons));
  const clickReasonsBy = group(rowsOf<Reason>(clickReasons));
  const partners = [...byPartner.values()].map((p) => ({
    ...p,
    flaggedBp: bp(p.flagged, p.checked),
    heldBp: bp(p.held, p.checked),
    rejectedBp: bp(p.rejected, p.checked),
    flaggedClicksBp: bp(p.flaggedClicks, p.clicks),
    reasons: (conversionReasons.get(p.partnerId) ?? []).map((r) => ({ ...r, rateBp: bp(r.count, p.checked) })),
    clickReasons: (clickReasonsBy.get(p.partnerId) ?? []).map((r) => ({ ...r, rateBp: bp(r.count, p.clicks) })),
  }));
  partners.sort((a, b) => b.heldBp + b.rejectedBp - (a.heldBp + a.rejectedBp) || b.flaggedClicksBp - a.flaggedClicksBp || a.name.localeCompare(b.name));
  return { days: input.days, partners };
}
