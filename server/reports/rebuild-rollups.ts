import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { foldAllClicks } from "./fold-clicks";
import { drainRollups, LOCK_KEY, WATERMARK } from "./run-rollups";

/**
 * Recomputes every rollup from raw data: empties them, folds all clicks up to the current watermark (a statement
 * per program and day, see foldAllClicks), marks every conversion and every commission without one as dirty, then drains. Runs under the
 * worker's lock, so a live worker waits rather than folding into half-built tables. Months of raw clicks the
 * retention job dropped (before `report_state.clicks_kept_from`) keep their click counts: there is nothing left
 * to recount them from. (Conversions whose click is gone are refolded without the click's attributes.)
 */
/**
 * `drainTimeoutMs`: how long the conversions' refold after the rebuild may take (the command allows hours).
 * `onClicks`: told the running count of folded clicks after each day.
 */
export async function rebuildRollups(db: Db, opts: { drainTimeoutMs?: number; onClicks?: (folded: number) => void } = {}): Promise<{ clicks: number }> {
  const clicks = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
    const [kept] = rowsOf<{ since: string | null }>(await tx.execute(sql`select (select to_char(clicks_kept_from at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from report_state where id = 'clicks') as since`));
    const since = kept?.since ? new Date(kept.since) : undefined;
    // Click counts are the rows without an event (conversion and commission facts always carry one). After the
    // retention cut, each program keeps its click counts up to and including the day the cut fell in (that day's
    // dropped clicks live on only there), and the retained clicks after it are counted again.
    if (since)
      await tx.execute(sql`
        delete from report_rollups r using programs g
        where g.id = r.program_id and not (r.event = '' and r.day <= (${since.toISOString()}::timestamptz at time zone g.time_zone)::date)`);
    else await tx.execute(sql`delete from report_rollups`);
    // impressions are folded again from their counters (kept click rows may hold some already)
    await tx.execute(sql`update report_rollups set impressions = 0 where impressions <> 0`);
    await tx.execute(sql`update creative_impressions set folded = 0 where folded <> 0`);
    await tx.execute(sql`delete from report_folded`);
    await tx.execute(sql`delete from report_dirty`);
    const [now] = rowsOf<{ xmin: string }>(await tx.execute(WATERMARK));
    const to = now?.xmin ?? "0";
    let sum = 0;
    const n = await foldAllClicks(tx, to, { afterDay: since, onDay: (k) => opts.onClicks?.((sum += k)) });
    await tx.execute(sql`insert into report_state (id, clicks_xmin) values ('clicks', ${to}::xid8) on conflict (id) do update set clicks_xmin = excluded.clicks_xmin, updated_at = now()`);
    await tx.execute(sql`insert into report_dirty (entity) select id from conversions union select id from commissions where conversion_id is null on conflict do nothing`);
    return n;
  });
  await drainRollups(db, opts.drainTimeoutMs);
  return { clicks };
}
