import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";
import { ATTRIBUTES, GRAINS, type Grain } from "./grains";

/** Days are the program's own: a click's day is its date in the program's time zone when it is folded. */
const attrColumns = Object.entries(ATTRIBUTES)
  .map(([name, column]) => `coalesce(k.${column}::text, '') as ${name}`)
  .join(", ");

function grainSelect(g: Grain): SQL {
  const partner = g.partner ? "partner_id" : "''";
  const link = g.link ? "link_id" : "''";
  const d1 = g.attrs[0] ?? "''";
  const d2 = g.attrs[1] ?? "''";
  const groups = ["day", "program_id", "offer_id", g.partner && "partner_id", g.link && "link_id", ...g.attrs].filter(Boolean).join(", ");
  return sql.raw(`select '${g.name}', day, program_id, offer_id, ${partner}, ${link}, ${d1}, ${d2}, '', '', count(*), sum(uniq) from c group by ${groups}`);
}

/**
 * Folds the clicks `where` picks (a condition on `k`, the clicks, and `g`, their program) into every grain: one
 * statement, the clicks read once. Unique clicks count distinct visitors per link and day (clicks without a
 * visitor id are all unique): a click counts when no click of its visitor on that link that day comes before it
 * in the order of (writing transaction, id). Among the clicks folded here that is the first of its visitor, link
 * and day (a window over them); `earlier` names the clicks folded before (by transaction id) that must be
 * looked up too, or null when no earlier click can share a visitor, link and day with these.
 */
async function foldClickRows(tx: DbOrTx, where: SQL, earlier: SQL | null): Promise<number> {
  const before = earlier
    ? sql`not exists (
          select 1 from clicks p
          where p.visitor_id = n.visitor_id and p.link_id = n.link_id
            and p.created_at >= (n.day::timestamp at time zone n.time_zone) and p.created_at < ((n.day + 1)::timestamp at time zone n.time_zone)
            and ${earlier})`
    : sql`true`;
  const result = await tx.execute(sql`
    with n as materialized (
      select d.day, o.program_id, g.time_zone, k.offer_id, k.partner_id, k.link_id, k.visitor_id, ${sql.raw(attrColumns)},
        row_number() over (partition by k.visitor_id, k.link_id, d.day order by k.txid, k.id) as rank
      from clicks k join offers o on o.id = k.offer_id join programs g on g.id = o.program_id
        cross join lateral (select (k.created_at at time zone g.time_zone)::date as day) d
      where ${where}
    ), c as materialized (
      select n.*, case when n.visitor_id is null then 1 when n.rank > 1 then 0 when ${before} then 1 else 0 end as uniq from n
    ), folded as (
      insert into report_rollups (grain, day, program_id, offer_id, partner_id, link_id, d1, d2, event, currency, clicks, unique_clicks)
      ${sql.join(GRAINS.map(grainSelect), sql` union all `)}
      on conflict (grain, day, program_id, offer_id, partner_id, link_id, d1, d2, event, currency)
      do update set clicks = report_rollups.clicks + excluded.clicks, unique_clicks = report_rollups.unique_clicks + excluded.unique_clicks
    )
    select count(*)::int as n from c`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}

/**
 * Folds the clicks written by transactions with ids in [from, to): the rollup worker's pass. Earlier batches hold
 * only smaller transaction ids, so the order uniqueness goes by is the same whether clicks are folded in batches
 * or rebuilt in one pass, even when a click's time is earlier than one already folded.
 */
export async function foldClicks(tx: DbOrTx, from: string, to: string): Promise<number> {
  const earlier = BigInt(from) > 0n ? sql`p.txid < ${from}::xid8` : null;
  return foldClickRows(tx, sql`k.txid >= ${from}::xid8 and k.txid < ${to}::xid8`, earlier);
}

/**
 * Folds every click written by transactions with ids below `to` (the rebuild, into emptied click rollups), one
 * statement per program and day that has clicks: each statement sees every click of its program's day, so
 * uniqueness needs no lookup outside it, memory stays bounded, and each writes a few neighbouring runs of the
 * rollups' key. The days are found from the clicks' (offer, time) index, one index probe per offer and day.
 * `afterDay`: after the retention job dropped old months, only the days after the one the cut fell in are folded,
 * per program (that day's counts are kept from before, see rebuild-rollups.ts).
 */
export async function foldAllClicks(tx: DbOrTx, to: string, opts: { afterDay?: Date; onDay?: (folded: number) => void } = {}): Promise<number> {
  const programs = rowsOf<{ id: string; zone: string }>(await tx.execute(sql`select id, time_zone as zone from programs order by id`));
  let folded = 0;
  for (const program of programs) {
    const start = opts.afterDay
      ? sql`((${opts.afterDay.toISOString()}::timestamptz at time zone ${program.zone})::date + 1)::timestamp at time zone ${program.zone}`
      : sql`'-infinity'::timestamptz`;
    for (let after: SQL = start; ; ) {
      // the program day of its next click at or after `after`, as the instants it starts and ends
      const [next] = rowsOf<{ lo: string | null; hi: string | null }>(
        await tx.execute(sql`
          with first as (
            select min(m.at) as at from offers o
              cross join lateral (select min(k.created_at) as at from clicks k where k.offer_id = o.id and k.created_at >= ${after}) m
            where o.program_id = ${program.id}
          ), day as (select (at at time zone ${program.zone})::date as d from first)
          select to_char((d::timestamp at time zone ${program.zone}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as lo,
            to_char(((d + 1)::timestamp at time zone ${program.zone}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as hi
          from day`),
      );
      if (!next?.lo || !next.hi) break;
      const n = await foldClickRows(
        tx,
        sql`k.offer_id in (select id from offers where program_id = ${program.id}) and k.created_at >= ${next.lo}::timestamptz and k.created_at < ${next.hi}::timestamptz and k.txid < ${to}::xid8`,
        null,
      );
      folded += n;
      opts.onDay?.(n);
      after = sql`${next.hi}::timestamptz`;
    }
  }
  return folded;
}
