import type { Sql } from "postgres";

/**
 * Drizzle runs every query as an unnamed statement (`prepare: false`). postgres.js then spends a round trip
 * asking the server for the parameter types before it can send the values, so every query costs two round
 * trips. A named statement is described once per connection and then runs in one. This turns that on for
 * statements with 1 to `MAX_PARAMS` parameters. Without parameters there is no describe round trip to save
 * (and migrations' DDL stays unprepared); with more, they are bulk statements (long id lists, many rows) whose
 * text varies with their size and would only fill each connection's statement cache. Connections are
 * recycled (postgres.js's `max_lifetime`), which bounds that cache in any case.
 */
export const MAX_PARAMS = 64;

type Unsafe = Sql["unsafe"];

function preparing(sql: Sql): Sql {
  const unsafe: Unsafe = sql.unsafe.bind(sql);
  sql.unsafe = ((query: string, params?: unknown[], options?: { prepare?: boolean }) =>
    unsafe(query, params as never, { ...options, prepare: options?.prepare || ((params?.length ?? 0) > 0 && (params?.length ?? 0) <= MAX_PARAMS) })) as Unsafe;
  // Transactions and savepoints hand their callback a handle of their own: it gets the same treatment.
  type AnyFn = (...args: unknown[]) => unknown;
  const wrap = (original: AnyFn): AnyFn => (...args) => {
    const fn = args.at(-1);
    if (typeof fn !== "function") return original(...args);
    return original(...args.slice(0, -1), (tx: Sql) => (fn as (tx: Sql) => unknown)(preparing(tx)));
  };
  const handle = sql as unknown as { begin?: AnyFn; savepoint?: AnyFn };
  if (typeof handle.begin === "function") handle.begin = wrap(handle.begin.bind(sql));
  if (typeof handle.savepoint === "function") handle.savepoint = wrap(handle.savepoint.bind(sql));
  return sql;
}

export { preparing as preparedStatements };
