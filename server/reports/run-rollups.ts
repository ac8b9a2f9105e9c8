import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { foldClicks } from "./fold-clicks";
import { foldConversions } from "./fold-conversions";
import { foldImpressions } from "./fold-impressions";
import { LIVE_CHANNEL } from "./live";

/**
 * The watermark a pass folds up to: the oldest transaction still running IN THIS DATABASE, else the next id to
 * be given out. The snapshot's own xmin would do, but it counts every database of the cluster, so a long
 * transaction anywhere on a shared server (another app, a backup, a test in another database) held every report
 * back. A transaction of ours that has written anything holds a lock on a relation of this database until it
 * ends, which is how its id is told from other databases' (pg_locks shows every session's locks to every role;
 * prepared transactions keep theirs too). The pass's own transaction is left out: it writes no clicks.
 */
export const WATERMARK = sql`
  select coalesce(least(
    (select min(x) from pg_snapshot_xip(pg_current_snapshot()) x
      where (x::text::bigint % 4294967296) in (
        select t.transactionid::text::bigint from pg_locks t
        where t.locktype = 'transactionid' and t.mode = 'ExclusiveLock' and t.pid is distinct from pg_backend_pid()
          and exists (select 1 from pg_locks r where r.virtualtransaction = t.virtualtransaction and r.locktype = 'relation'
            and r.database = (select oid from pg_database where datname = current_database())))),
    pg_snapshot_xmax(pg_current_snapshot())), pg_snapshot_xmax(pg_current_snapshot()))::text as xmin`;

/** One worker at a time across every app instance: the watermark moves in a single line. */
export const LOCK_KEY = 7_401_114;

export type RollupPass = { clicks: number; entities: number; impressions?: number; skipped?: boolean };

/**
 * One pass of the rollup worker, in one transaction: the clicks of every transaction that ended since the last
 * pass (ids below the oldest transaction still running, so none can commit behind the watermark later), then the
 * dirty conversions, then the banner impressions counted since. Never on the request path: the click writer and the postback only insert.
 */
export async function runRollups(db: Db, opts: { entityLimit?: number } = {}): Promise<RollupPass> {
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ ok: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${LOCK_KEY}) as ok`));
    if (!lock?.ok) return { clicks: 0, entities: 0, skipped: true };
    const [state] = rowsOf<{ xmin: string }>(await tx.execute(sql`select clicks_xmin::text as xmin from report_state where id = 'clicks' for update`));
    const [now] = rowsOf<{ xmin: string }>(await tx.execute(WATERMARK));
    const from = state?.xmin ?? "0";
    const to = now?.xmin ?? from;
    let clicks = 0;
    if (BigInt(to) > BigInt(from)) {
      clicks = await foldClicks(tx, from, to);
      await tx.execute(sql`insert into report_state (id, clicks_xmin) values ('clicks', ${to}::xid8) on conflict (id) do update set clicks_xmin = excluded.clicks_xmin, updated_at = now()`);
    }
    const entities = await foldConversions(tx, opts.entityLimit);
    const impressions = await foldImpressions(tx);
    // the dashboards' live feed (server/reports/live.ts): delivered when this transaction commits
    if (clicks > 0 || entities > 0) await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ clicks, conversions: entities, at: new Date().toISOString() })})`);
    return { clicks, entities, impressions };
  });
}

/**
 * Runs passes until everything written before the call is folded (tests, the rebuild command, the demo seed).
 * A transaction of this database still running holds the watermark back: wait for it, up to `timeoutMs`.
 */
export async function drainRollups(db: Db, timeoutMs = 60_000): Promise<void> {
  const [target] = rowsOf<{ xmax: string }>(await db.execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pass = await runRollups(db);
    const [state] = rowsOf<{ xmin: string }>(await db.execute(sql`select clicks_xmin::text as xmin from report_state where id = 'clicks'`));
    const caughtUp = BigInt(state?.xmin ?? "0") >= BigInt(target?.xmax ?? "0");
    if (!pass.skipped && pass.entities === 0 && caughtUp) return;
    if (Date.now() > deadline) throw new Error(`report rollups did not catch up within ${timeoutMs} ms (a long transaction is holding the watermark back)`);
    if (pass.skipped || !caughtUp) await new Promise((r) => setTimeout(r, 50));
  }
}
