import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";
import type { FoldedFact } from "@/db/schema";
import { conversionFacts } from "./conversion-facts";
import { GRAINS } from "./grains";

const METRICS = ["conversions", "revenue", "commissionPending", "commissionApproved", "commissionPaid", "commissionReversed"] as const;
type Delta = { key: string[] } & Record<(typeof METRICS)[number], number>;

function addFacts(deltas: Map<string, Delta>, facts: readonly FoldedFact[], sign: 1 | -1) {
  for (const f of facts) {
    for (const g of GRAINS) {
      const key = [g.name, f.day, f.programId, f.offerId, g.partner ? f.partnerId : "", g.link ? f.linkId : "", g.attrs[0] ? (f.attrs[g.attrs[0]] ?? "") : "", g.attrs[1] ? (f.attrs[g.attrs[1]] ?? "") : "", f.event, f.currency];
      const id = key.join("\u0000");
      let d = deltas.get(id);
      if (!d) deltas.set(id, (d = { key, conversions: 0, revenue: 0, commissionPending: 0, commissionApproved: 0, commissionPaid: 0, commissionReversed: 0 }));
      for (const m of METRICS) d[m] += sign * f[m];
    }
  }
}

/**
 * Folds up to `limit` dirty entities: each one's facts are recomputed from raw data and the rollups move by
 * "new minus what it contributed last time" (kept in report_folded), so a reversal, a re-attribution or a status
 * change moves amounts between buckets and never counts twice. Returns how many entities were folded.
 */
export async function foldConversions(tx: DbOrTx, limit = 1000): Promise<number> {
  const claimed = rowsOf<{ entity: string }>(
    await tx.execute(sql`delete from report_dirty where entity in (select entity from report_dirty order by created_at, entity limit ${limit} for update skip locked) returning entity`),
  ).map((r) => r.entity);
  if (claimed.length === 0) return 0;
  const ids = JSON.stringify(claimed);
  const previous = rowsOf<{ entity: string; facts: FoldedFact[] | string }>(await tx.execute(sql`select entity, facts from report_folded where entity in (select jsonb_array_elements_text(${ids}::jsonb))`));
  const current = await conversionFacts(tx, claimed);

  const deltas = new Map<string, Delta>();
  for (const p of previous) addFacts(deltas, typeof p.facts === "string" ? (JSON.parse(p.facts) as FoldedFact[]) : p.facts, -1);
  for (const facts of current.values()) addFacts(deltas, facts, 1);

  const changed = [...deltas.values()].filter((d) => METRICS.some((m) => d[m] !== 0));
  if (changed.length > 0) {
    const rows = JSON.stringify(
      changed.map((d) => {
        const [grain, day, program_id, offer_id, partner_id, link_id, d1, d2, event, currency] = d.key;
        return { grain, day, program_id, offer_id, partner_id, link_id, d1, d2, event, currency, conversions: d.conversions, revenue: d.revenue, commission_pending: d.commissionPending, commission_approved: d.commissionApproved, commission_paid: d.commissionPaid, commission_reversed: d.commissionReversed };
      }),
    );
    await tx.execute(sql`
      insert into report_rollups (grain, day, program_id, offer_id, partner_id, link_id, d1, d2, event, currency, conversions, revenue, commission_pending, commission_approved, commission_paid, commission_reversed)
      select grain, day, program_id, offer_id, partner_id, link_id, d1, d2, event, currency, conversions, revenue, commission_pending, commission_approved, commission_paid, commission_reversed
      from jsonb_to_recordset(${rows}::jsonb) as x(grain text, day date, program_id text, offer_id text, partner_id text, link_id text, d1 text, d2 text, event text, currency text,
        conversions bigint, revenue bigint, commission_pending bigint, commission_approved bigint, commission_paid bigint, commission_reversed bigint)
      on conflict (grain, day, program_id, offer_id, partner_id, link_id, d1, d2, event, currency) do update set
        conversions = report_rollups.conversions + excluded.conversions,
        revenue = report_rollups.revenue + excluded.revenue,
        commission_pending = report_rollups.commission_pending + excluded.commission_pending,
        commission_approved = report_rollups.commission_approved + excluded.commission_approved,
        commission_paid = report_rollups.commission_paid + excluded.commission_paid,
        commission_reversed = report_rollups.commission_reversed + excluded.commission_reversed`);
  }

  const kept = JSON.stringify([...current].filter(([, f]) => f.length > 0).map(([entity, facts]) => ({ entity, facts })));
  await tx.execute(sql`delete from report_folded where entity in (select jsonb_array_elements_text(${ids}::jsonb))`);
  await tx.execute(sql`insert into report_folded (entity, facts) select entity, facts from jsonb_to_recordset(${kept}::jsonb) as x(entity text, facts jsonb)`);
  return claimed.length;
}
