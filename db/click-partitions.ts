import { sql } from "drizzle-orm";
import { decodeTime } from "ulid";
import { rowsOf, type DbOrTx } from "./types";
import { hasPrefix } from "./ids";

/** Months made ahead of the current one, so the month's first click never waits on DDL. */
export const CLICK_MONTHS_AHEAD = 3;

/** Keeps partition jobs of several app instances from running into each other. */
const LOCK_KEY = 7_401_117;

const NAME = /^clicks_p(\d{4})_(\d{2})$/;

/** The first instant of the UTC month `offset` months after `at`'s. */
export function monthStart(at: Date, offset = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1));
}

export function clickPartitionName(month: Date): string {
  return `clicks_p${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** Slack around a click id's time: the click writer stamps created_at a moment after it makes the id. */
const ID_SLACK_MS = 86_400_000;

/**
 * The created_at range a click with this id was almost surely written in (its ULID carries the instant it was
 * made), so a lookup by id can name it and PostgreSQL reads one or two monthly partitions instead of all of
 * them. Callers fall back to the plain lookup when the window misses (a click imported with another time).
 * Null for anything that is not a click id.
 */
export function clickIdWindow(id: string): { from: Date; to: Date } | null {
  if (!hasPrefix(id, "click")) return null;
  const at = decodeTime(id.slice(4).toUpperCase());
  return { from: new Date(at - ID_SLACK_MS), to: new Date(at + ID_SLACK_MS) };
}

export type ClickPartition = { name: string; from: Date; to: Date };

/** The monthly partitions of clicks, oldest first (the default partition is not among them). */
export async function listClickPartitions(db: DbOrTx): Promise<ClickPartition[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'clicks'::regclass`),
  );
  return rows
    .flatMap(({ name }) => {
      const m = NAME.exec(name);
      if (!m) return [];
      const from = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
      return [{ name, from, to: monthStart(from, 1) }];
    })
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}

/**
 * Makes the partitions of the current month and the `ahead` next ones that are missing, and of any month the
 * default partition holds rows of (the safety net is for a moment, not a home). Idempotent. A missing
 * month is made as a plain table first, the rows the default partition caught for it are moved in, then it is
 * attached: attaching takes a lighter lock on clicks than CREATE ... PARTITION OF, so the redirect keeps writing.
 */
export async function ensureClickPartitions(db: DbOrTx, now = new Date(), ahead = CLICK_MONTHS_AHEAD): Promise<string[]> {
  const existing = new Set((await listClickPartitions(db)).map((p) => p.name));
  // ... and the months the default partition caught (clicks imported or seeded into the past): they move to their own
  const caught = rowsOf<{ m: string }>(
    await db.execute(sql`select distinct to_char(date_trunc('month', created_at at time zone 'UTC'), 'YYYY-MM-01"T00:00:00Z"') as m from clicks_default`),
  ).map((r) => new Date(r.m));
  const wanted = [...caught, ...Array.from({ length: ahead + 1 }, (_, i) => monthStart(now, i))];
  const missing = [...new Map(wanted.map((m) => [clickPartitionName(m), m])).entries()]
    .filter(([name]) => !existing.has(name))
    .map(([, m]) => m)
    .sort((a, b) => a.getTime() - b.getTime());
  if (missing.length === 0) return [];
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
    const present = new Set((await listClickPartitions(tx)).map((p) => p.name));
    const made: string[] = [];
    for (const from of missing) {
      const name = clickPartitionName(from);
      if (present.has(name)) continue;
      const to = monthStart(from, 1);
      const table = sql.identifier(name);
      await tx.execute(sql`create table ${table} (like clicks including defaults)`);
      const [moved] = rowsOf<{ n: number }>(
        await tx.execute(sql`
          with moved as (delete from clicks_default where created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz returning *),
            written as (insert into ${table} select * from moved returning 1)
          select count(*)::int as n from written`),
      );
      await tx.execute(sql.raw(`alter table clicks attach partition "${name}" for values from ('${from.toISOString()}') to ('${to.toISOString()}')`));
      // a month that arrives with rows gets its statistics now: until autovacuum's first look, the planner would
      // take it for a few rows and read a journey's or a partner's clicks through the offer's index (all of its clicks)
      if ((moved?.n ?? 0) > 0) await tx.execute(sql`analyze ${table}`);
      made.push(name);
    }
    return made;
  });
}

export type RetentionResult = { dropped: string[]; kept: string[]; defaultRowsDeleted: number; keptFrom: Date | null };

/**
 * Drops the monthly partitions that ended before the first day of the month `months` months before the current
 * one (so at least `months` whole months of raw clicks stay), and the default partition's rows older than that.
 * A month is dropped only once the report rollup worker has folded every click in it: its counts live on in
 * report_rollups, and `report_state.clicks_kept_from` records the boundary so a rebuild keeps them.
 */
export async function dropExpiredClickPartitions(db: DbOrTx, months: number, now = new Date()): Promise<RetentionResult> {
  const cutoff = monthStart(now, -months);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
    const [state] = rowsOf<{ xmin: string | null }>(await tx.execute(sql`select (select clicks_xmin::text from report_state where id = 'clicks') as xmin`));
    const folded = sql`${state?.xmin ?? "0"}::xid8`;
    const dropped: string[] = [];
    const kept: string[] = [];
    // Oldest first, and a month not yet folded stops the drop there: what is gone is always one span before the boundary.
    let boundary = cutoff;
    for (const p of await listClickPartitions(tx)) {
      if (p.to > cutoff) break;
      const table = sql.identifier(p.name);
      if (kept.length === 0) {
        const [open] = rowsOf<{ unfolded: boolean }>(await tx.execute(sql`select exists (select 1 from ${table} where txid >= ${folded}) as unfolded`));
        if (!open?.unfolded) {
          await tx.execute(sql`drop table ${table}`);
          dropped.push(p.name);
          continue;
        }
        boundary = p.from;
      }
      kept.push(p.name);
    }
    const deleted = rowsOf<{ n: number }>(
      await tx.execute(sql`with d as (delete from clicks_default where created_at < ${boundary.toISOString()}::timestamptz and txid < ${folded} returning 1) select count(*)::int as n from d`),
    );
    const defaultRowsDeleted = deleted[0]?.n ?? 0;
    const keptFrom = dropped.length > 0 || defaultRowsDeleted > 0 ? boundary : null;
    if (keptFrom) {
      await tx.execute(sql`
        update report_state set clicks_kept_from = greatest(coalesce(clicks_kept_from, ${keptFrom.toISOString()}::timestamptz), ${keptFrom.toISOString()}::timestamptz)
        where id = 'clicks'`);
    }
    return { dropped, kept, defaultRowsDeleted, keptFrom };
  });
}
