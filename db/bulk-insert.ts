import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * INSERT of many rows as one JSON parameter, expanded by PostgreSQL into rows of the table's own type
 * (jsonb_populate_recordset). The query builder's multi-row INSERT costs a few microseconds per value in
 * JavaScript; on the hot paths (click batches, bulk attribution) that was more than the rest of the work.
 * Keys are the schema's property names (snake_cased, as the schema declares no explicit column names);
 * a missing value is NULL, so every NOT NULL column must be given. Values go through JSON: Dates become
 * ISO strings, objects become jsonb.
 */
export function bulkInsert<T extends PgTable>(table: T, rows: readonly Partial<T["$inferInsert"]>[], opts: { onConflictDoNothing?: boolean } = {}): SQL {
  const { name, columns, source } = jsonRows(table, rows);
  return sql`insert into ${name} (${columns}) select ${columns} from ${source}${opts.onConflictDoNothing ? sql` on conflict do nothing` : sql``}`;
}

/**
 * The parts of such an INSERT, for statements that need more around it (a conflict target, RETURNING, a
 * second table fed from the first): the table's name, the column list, and the rows as a source to select from.
 */
export function jsonRows<T extends PgTable>(table: T, rows: readonly Partial<T["$inferInsert"]>[]): { name: SQL; columns: SQL; source: SQL } {
  const keys = Object.keys(getTableColumns(table)).filter((key) => rows.some((r) => (r as Record<string, unknown>)[key] !== undefined));
  const columns = sql.raw(keys.map((key) => `"${snake(key)}"`).join(", "));
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(keys.map((key) => [snake(key), (row as Record<string, unknown>)[key] ?? null]))));
  const name = sql.raw(`"${getTableName(table)}"`);
  return { name, columns, source: sql`jsonb_populate_recordset(null::${name}, ${json}::jsonb)` };
}
