import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { DB_LIMITS, openDb, type DbHandle } from "@/db/client";
import { drivers } from "@/test/db";
import { startTcpProxy, type TcpProxy } from "@/test/tcp-proxy";
import { isDbUnavailable } from "./unavailable";

/**
 * postgres.js retries a connection that is accepted and closed during start-up for ever, holding every query
 * queued meanwhile: without a bounded wait those requests hang until the database returns.
 */
const PG = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PROXY_PORT = 15436 + Number(process.env.VITEST_POOL_ID ?? 0);
const hasPostgres = (await drivers()).includes("postgres");

describe.runIf(hasPostgres)("bounded waits on PostgreSQL", () => {
  let proxy: TcpProxy;
  let handle: DbHandle;
  const name = `touchpoint_wait_${randomBytes(6).toString("hex")}`;

  beforeAll(async () => {
    const { default: postgres } = await import("postgres");
    const admin = postgres(PG, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    proxy = await startTcpProxy(PROXY_PORT, { host: "127.0.0.1", port: 5432 });
    handle = await openDb({ url: `postgres://postgres@127.0.0.1:${PROXY_PORT}/${name}`, dataDir: "unused", max: 3 });
  });
  afterAll(async () => {
    await handle?.close();
    await proxy?.close();
    const { default: postgres } = await import("postgres");
    const admin = postgres(PG, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  const settle = async (p: Promise<unknown>) => {
    const t0 = Date.now();
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    return { err, ms: Date.now() - t0 };
  };

  it.each(["reset", "refuse"] as const)("gives up on queries and transactions within the wait bound when connections are %s, and recovers", async (how) => {
    expect(await handle.db.execute(sql`select 1 as one`)).toBeTruthy();
    proxy.cut(how);
    const results = await Promise.all([
      ...Array.from({ length: 20 }, () => settle(handle.db.execute(sql`select 1 as one`))),
      settle(handle.db.transaction(async (tx) => tx.execute(sql`select 1`))),
    ]);
    for (const { err, ms } of results) {
      expect(isDbUnavailable(err)).toBe(true);
      expect(ms).toBeLessThan(DB_LIMITS.waitForConnectionMs + 1_500);
    }
    proxy.restore();
    const deadline = Date.now() + 10_000;
    let ok = false;
    while (!ok && Date.now() < deadline) {
      ok = await handle.db.execute(sql`select 1 as one`).then(
        () => true,
        () => false,
      );
      if (!ok) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ok).toBe(true);
    expect(await handle.db.transaction(async (tx) => tx.execute(sql`select 2 as two`))).toBeTruthy();
  });
});
