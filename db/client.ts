import fs from "node:fs";
import path from "node:path";
import { boundedWait } from "./bounded-wait";
import { lockDataDir } from "./lock";
import { preparedStatements } from "./prepared";
import * as schema from "./schema";
import type { Db } from "./types";

export type { Db, DbOrTx, Tx } from "./types";
export { rowsOf } from "./types";

/** Subscribes to a NOTIFY channel; resolves to the function that ends the subscription. */
export type Listen = (channel: string, onMessage: (payload: string) => void) => Promise<() => Promise<void>>;

export type DbHandle = { db: Db; kind: "pglite" | "postgres"; listen: Listen; close: () => Promise<void> };

export const MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations");

/** Bounds on waiting for PostgreSQL (see openDb). Long jobs (re-attribution) work in batches well below them. */
export const DB_LIMITS = {
  connectTimeoutS: 3,
  waitForConnectionMs: 4_000,
  statementTimeoutMs: 60_000,
  lockTimeoutMs: 10_000,
  idleInTransactionMs: 60_000,
};

/**
 * postgres.js asks every new connection for the database's array types, from a promise nothing awaits: a
 * connection lost during that query (a restart, a network cut) rejected it unhandled, which ends a Node process.
 * The types are the same for every connection, and the first connection's answer fills the pool's shared parsers,
 * so once they are known later connections skip the query.
 */
function fetchTypesOnce(client: { options: unknown }) {
  const options = client.options as { fetch_types: boolean; shared: { typeArrayMap: Record<string, unknown> } };
  const check = () => {
    if (Object.keys(options.shared.typeArrayMap).length > 0) options.fetch_types = false;
    else setTimeout(check, 50).unref();
  };
  check();
}

/** `url` set: postgres.js on that server. Otherwise PGlite in `dataDir` (`memory://` for a throwaway one). */
/**
 * `longStatements`: for maintenance commands (the report rebuild) whose single statements may run for minutes on
 * a large install: no statement or idle-in-transaction timeout and no client-side deadline. Never for the app.
 */
export async function openDb(opts: { url?: string; dataDir: string; max?: number; longStatements?: boolean }): Promise<DbHandle> {
  if (opts.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    // JIT off: its compile time (measured at 0.2-2.6 s on the simulator's journey query) dwarfs the
    // queries of an OLTP app whose plans cross the cost threshold on estimates alone. Custom plans only: named
    // statements (db/prepared.ts) save a round trip, but each run is still planned for its own values, as an
    // unnamed one is (a generic plan for a date range or an id list can be far worse).
    //
    // Outages: a connection attempt gives up after CONNECT_TIMEOUT_S, reconnects back off at most 1 s (not
    // postgres.js's 20 s), a query waits at most WAIT_FOR_CONNECTION_MS for a connection and the server stops
    // a statement after STATEMENT_TIMEOUT_MS, so requests fail fast (503, server/http/unavailable.ts) and
    // nothing piles up in memory; the pool reconnects on its own when the server is back.
    const client = postgres(opts.url, {
      max: opts.max ?? 10,
      onnotice: () => {},
      connect_timeout: DB_LIMITS.connectTimeoutS,
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
      connection: {
        jit: "off",
        plan_cache_mode: "force_custom_plan",
        statement_timeout: opts.longStatements ? 0 : DB_LIMITS.statementTimeoutMs,
        lock_timeout: DB_LIMITS.lockTimeoutMs,
        idle_in_transaction_session_timeout: opts.longStatements ? 0 : DB_LIMITS.idleInTransactionMs,
      },
    });
    fetchTypesOnce(client);
    const sql = preparedStatements(opts.longStatements ? client : boundedWait(client, { waitMs: DB_LIMITS.waitForConnectionMs, deadlineMs: DB_LIMITS.statementTimeoutMs + 5_000 }));
    const db = drizzle(sql, { schema, casing: "snake_case" }) as unknown as Db;
    // LISTEN holds a connection of its own, beside the pool (postgres.js reconnects and re-listens by itself)
    const listen: Listen = async (channel, onMessage) => {
      const { unlisten } = await client.listen(channel, onMessage);
      return unlisten;
    };
    return { db, kind: "postgres", listen, close: () => sql.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  if (!opts.dataDir.startsWith("memory://")) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    lockDataDir(opts.dataDir);
  }
  const client = await PGlite.create(opts.dataDir);
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
  const listen: Listen = async (channel, onMessage) => {
    const unlisten = await client.listen(channel, onMessage);
    return () => unlisten();
  };
  return { db, kind: "pglite", listen, close: () => client.close() };
}

export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.kind === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_DIR });
  }
  // An install started after a long pause (or a fresh one) gets this month's click partitions before any insert.
  const { ensureClickPartitions } = await import("./click-partitions");
  await ensureClickPartitions(handle.db);
}

