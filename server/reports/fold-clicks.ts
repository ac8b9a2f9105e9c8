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
 * Folds the clicks written by transactions with ids in [from, to) into every grain: one statement, the new
 * clicks read once. Unique clicks count distinct visitors per link and day (clicks without a visitor id are
 * all unique): a click counts when no click of its visitor on that link that day comes before it in the order of
 * (writing transaction, id). Earlier batches hold only smaller transaction ids, so that order is the same whether
 * clicks are folded in batches or rebuilt in one pass, even when a click's time is earlier than one already folded.
 * `afterDay`: a rebuild after the retention job dropped old months folds only the days after the one the cut fell
 * in, per program (that day's counts are kept from before, see rebuild-rollups.ts).
 */
export async function foldClicks(tx: DbOrTx, from: string, to: string, opts: { afterDay?: Date } = {}): Promise<number> {
  const after = opts.afterDay ? sql` and d.day > (${opts.afterDay.toISOString()}::timestamptz at time zone g.time_zone)::date` : sql``;
  const result = await tx.execute(sql`
    with c as materialized (
      select d.day, o.program_id, k.offer_id, k.partner_id, k.link_id, ${sql.raw(attrColumns)},
        case when k.visitor_id is null or not exists (
          select 1 from clicks p
          where p.visitor_id = k.visitor_id and p.link_id = k.link_id
            and p.created_at >= (d.day::timestamp at time zone g.time_zone) and p.created_at < ((d.day + 1)::timestamp at time zone g.time_zone)
            and p.txid < ${to}::xid8 and (p.txid < k.txid or (p.txid = k.txid and p.id < k.id))
        ) then 1 else 0 end as uniq
      from clicks k join offers o on o.id = k.offer_id join programs g on g.id = o.program_id
        cross join lateral (select (k.created_at at time zone g.time_zone)::date as day) d
      where k.txid >= ${from}::xid8 and k.txid < ${to}::xid8${after}
    ), folded as (
      insert into report_rollups (grain, day, program_id, offer_id, partner_id, link_id, d1, d2, event, currency, clicks, unique_clicks)
      ${sql.join(GRAINS.map(grainSelect), sql` union all `)}
      on conflict (grain, day, program_id, offer_id, partner_id, link_id, d1, d2, event, currency)
      do update set clicks = report_rollups.clicks + excluded.clicks, unique_clicks = report_rollups.unique_clicks + excluded.unique_clicks
    )
    select count(*)::int as n from c`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}
