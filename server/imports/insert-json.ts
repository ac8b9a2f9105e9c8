import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { rowsOf, type DbOrTx } from "@/db/client";

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A multi-row insert whose rows travel as one jsonb parameter (jsonb_to_recordset): the statement's text is the
 * same whatever the batch size, so it is prepared once per connection, and a 1,000-row batch binds one value
 * instead of tens of thousands. Every row must have the same keys; columns left out take their database default
 * (not drizzle's $defaultFn: pass ids yourself).
 */
export async function insertJson<T extends PgTable>(db: DbOrTx, table: T, rows: Partial<T["$inferInsert"]>[], opts: { onConflictDoNothing?: boolean; returning?: keyof T["$inferSelect"] & string } = {}) {
  if (rows.length === 0) return [] as string[];
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]!).filter((k) => k in columns);
  const defs = keys.map((k) => {
    const c = columns[k]!;
    return { name: c.keyAsName ? snake(c.name) : c.name, type: c.getSQLType() };
  });
  const names = sql.raw(defs.map((d) => `"${d.name}"`).join(", "));
  const record = sql.raw(defs.map((d) => `"${d.name}" ${d.type}`).join(", "));
  const payload = JSON.stringify(rows.map((r) => Object.fromEntries(keys.map((k, i) => [defs[i]!.name, (r as Record<string, unknown>)[k] ?? null]))));
  const returning = opts.returning ? columns[opts.returning] : undefined;
  const query: SQL = sql`insert into ${sql.identifier(getTableName(table))} (${names}) select ${names} from jsonb_to_recordset(${payload}::jsonb) as x(${record})${
    opts.onConflictDoNothing ? sql` on conflict do nothing` : sql``
  }${returning ? sql.raw(` returning "${returning.keyAsName ? snake(returning.name) : returning.name}" as v`) : sql``}`;
  const list = rowsOf<{ v: string }>(await db.execute(query));
  return returning ? list.map((r) => r.v) : [];
}
