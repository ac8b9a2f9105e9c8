import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { lockDataDir } from "./lock";
import { preparedStatements } from "./prepared";
import * as schema from "./schema";

/** One type for both drivers: domain code never knows whether it runs on PGlite or PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type DbHandle = { db: Db; kind: "pglite" | "postgres"; close: () => Promise<void> };

export const MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations");

/** `url` set: postgres.js on that server. Otherwise PGlite in `dataDir` (`memory://` for a throwaway one). */
export async function openDb(opts: { url?: string; dataDir: string; max?: number }): Promise<DbHandle> {
  if (opts.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    // JIT off: its compile time (measured at 0.2-2.6 s on the simulator's journey query) dwarfs the
    // queries of an OLTP app whose plans cross the cost threshold on estimates alone. Custom plans only: named
    // statements (db/prepared.ts) save a round trip, but each run is still planned for its own values, as an
    // unnamed one is (a generic plan for a date range or an id list can be far worse).
    const sql = preparedStatements(postgres(opts.url, { max: opts.max ?? 10, onnotice: () => {}, connection: { jit: "off", plan_cache_mode: "force_custom_plan" } }));
    const db = drizzle(sql, { schema, casing: "snake_case" }) as unknown as Db;
    return { db, kind: "postgres", close: () => sql.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  if (!opts.dataDir.startsWith("memory://")) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    lockDataDir(opts.dataDir);
  }
  const client = await PGlite.create(opts.dataDir);
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
  return { db, kind: "pglite", close: () => client.close() };
}

export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.kind === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_DIR });
  }
}

/** `db.execute` answers an array on postgres.js and `{ rows }` on PGlite: the rows either way. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
