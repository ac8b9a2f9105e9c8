import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";

/** The grains that keep impressions: a served banner knows its offer and partner, never a click's attributes. */
export const IMPRESSION_GRAINS = ["offer", "partner"] as const;

/**
 * Folds the banner impressions counted since the last pass (server/creatives/serve-creative.ts) into the click
 * rows of the `offer` and `partner` grains, by the difference between a row's count and what was folded of it.
 * `folded` is written by this worker alone (it runs under the rollup lock), so the value read before the update
 * is the one that was folded; the update itself takes the row's newest count, so an impression counted meanwhile
 * is folded now or on the next pass, never twice. Runs last in the pass: the rows it touches stay locked until the
 * pass commits, and the image requests that count them wait only for that moment. Returns the impressions folded.
 */
export async function foldImpressions(tx: DbOrTx): Promise<number> {
  const [row] = rowsOf<{ n: string | null }>(
    await tx.execute(sql`
      with before as (
        select creative_id, partner_id, day, folded from creative_impressions where impressions <> folded
      ), moved as (
        update creative_impressions ci set folded = ci.impressions
        from before b
        where ci.creative_id = b.creative_id and ci.partner_id = b.partner_id and ci.day = b.day
        returning ci.creative_id, ci.partner_id, ci.day, ci.impressions - b.folded as n
      ), placed as (
        select g.grain, m.day, o.program_id, o.id as offer_id, case when g.grain = 'offer' then '' else m.partner_id end as partner_id, sum(m.n) as n
        from moved m join creatives c on c.id = m.creative_id join offers o on o.id = c.offer_id
          cross join (values ${sql.raw(IMPRESSION_GRAINS.map((g) => `('${g}')`).join(", "))}) g(grain)
        group by 1, 2, 3, 4, 5
      ), folded as (
        insert into report_rollups (grain, day, program_id, offer_id, partner_id, link_id, d1, d2, event, currency, impressions)
        select grain, day, program_id, offer_id, partner_id, '', '', '', '', '', n from placed where n <> 0
        on conflict (grain, day, program_id, offer_id, partner_id, link_id, d1, d2, event, currency)
        do update set impressions = report_rollups.impressions + excluded.impressions
      )
      select sum(n)::text as n from moved`),
  );
  return Number(row?.n ?? 0);
}
