import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { migrateDb, openDb, type DbHandle } from "@/db/client";
import { clicks, conversions } from "@/db/schema";
import { setDb } from "@/server/db";
import { kickLocalRunner } from "@/server/jobs/outbox";
import { trpcHandler } from "@/server/trpc/handle-request";
import { drivers } from "@/test/db";
import { linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { startTcpProxy, type TcpProxy } from "@/test/tcp-proxy";

/**
 * A database outage, made with a loopback TCP proxy between the app's code and PostgreSQL: postbacks and
 * tRPC answer 503 + Retry-After quickly (not a bare 500, not a 20 s hang), a cached tracking link still
 * takes the visitor to the landing page (without a click id), and everything recovers on its own.
 */
const PG = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PROXY_PORT = Number(process.env.TEST_PROXY_PORT ?? 15432 + Number(process.env.VITEST_POOL_ID ?? 0));
const hasPostgres = (await drivers()).includes("postgres");

const { GET: postback } = await import("@/app/api/postback/route");
const { GET: redirect } = await import("@/app/r/[code]/route");

describe.runIf(hasPostgres)("database outage through a cut TCP proxy (PostgreSQL)", () => {
  let proxy: TcpProxy;
  let handle: DbHandle;
  let direct: DbHandle;
  let token: string;
  let cached: string;
  let uncached: string;
  const name = `touchpoint_outage_${randomBytes(6).toString("hex")}`;
  let admin: Awaited<ReturnType<typeof makeAdmin>>;
  let seq = 0;

  const send = (q: Record<string, string>) => postback(new Request(`http://localhost/api/postback?${new URLSearchParams({ token, event: "ftd", ...q })}`));
  const follow = (code: string) => redirect(new Request(`http://localhost/r/${code}`, { headers: { "user-agent": "Mozilla/5.0 Chrome/140" } }), { params: Promise.resolve({ code }) });

  beforeAll(async () => {
    const { default: postgres } = await import("postgres");
    const adminSql = postgres(PG, { max: 1, onnotice: () => {} });
    await adminSql.unsafe(`create database ${name}`);
    await adminSql.end();
    direct = await openDb({ url: PG.replace(/\/[^/]*$/, `/${name}`), dataDir: "unused", max: 2 });
    await migrateDb(direct);
    proxy = await startTcpProxy(PROXY_PORT, { host: "127.0.0.1", port: 5432 });
    handle = await openDb({ url: `postgres://postgres@127.0.0.1:${PROXY_PORT}/${name}`, dataDir: "unused", max: 5 });
    setDb(handle.db);
    admin = await makeAdmin(handle.db);
    let offerId: string;
    ({ token, offerId } = await makeProgram(handle.db));
    const a = await makePartner(handle.db, admin);
    const b = await makePartner(handle.db, admin);
    cached = await linkCode(handle.db, a.partnerId, offerId);
    uncached = await linkCode(handle.db, b.partnerId, offerId);
    expect((await follow(cached)).status).toBe(302); // the link is now in the lookup cache
  });

  afterAll(async () => {
    setDb(undefined);
    proxy?.restore();
    await kickLocalRunner(handle.db).catch(() => {});
    await handle?.close();
    await proxy?.close();
    await direct?.close();
    const { default: postgres } = await import("postgres");
    const adminSql = postgres(PG, { max: 1, onnotice: () => {} });
    await adminSql.unsafe(`drop database if exists ${name} with (force)`);
    await adminSql.end();
  });

  it("answers 503 with Retry-After quickly while the database is gone, stores nothing, and recovers by itself", async () => {
    const clickId = (await direct.db.select({ id: clicks.id }).from(clicks).limit(1))[0]?.id ?? "";
    proxy.cut();
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const outageTxns = Array.from({ length: 60 }, () => `outage-${seq++}`);
    const answers = await Promise.all(outageTxns.map((txn_id) => send({ click_id: clickId, txn_id, amount: "10.00" }).then(async (r) => ({ r, ms: Date.now() - started }))));
    const elapsed = Date.now() - started;
    for (const { r } of answers) {
      expect(r.status).toBe(503);
      expect(r.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await r.json()).toMatchObject({ status: "error", error: "unavailable" });
    }
    // bounded: a connection attempt fails or is given up within a few seconds, never postgres.js's 20 s back-off
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(6_000);
    expect(elapsed).toBeLessThan(6_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);

    // a tRPC call is a 503 too, not a 500
    const trpc = await trpcHandler(async () => admin)(new Request("http://localhost:3000/api/trpc/admin.partners?input=" + encodeURIComponent(JSON.stringify({ json: { limit: 10, offset: 0 } }))));
    expect(trpc.status).toBe(503);
    expect(trpc.headers.get("retry-after")).toMatch(/^\d+$/);

    // a cached link still takes the visitor to the landing page, without a click id or click cookie
    const degraded = await follow(cached);
    expect(degraded.status).toBe(302);
    expect(degraded.headers.get("location")).not.toMatch(/clk_/);
    expect(degraded.headers.getSetCookie().some((c) => c.startsWith("tp_click="))).toBe(false);
    // an unknown link cannot be looked up: 503 with Retry-After, not a 404 or a 500
    const unknown = await follow(uncached);
    expect(unknown.status).toBe(503);
    expect(unknown.headers.get("retry-after")).toMatch(/^\d+$/);

    proxy.restore();
    // recovers on its own: the next postback after the database is back is stored
    let recovered: Response | null = null;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const r = await send({ click_id: clickId, txn_id: `after-${seq++}`, amount: "10.00" });
      if (r.status === 200) {
        recovered = r;
        break;
      }
      expect(r.status).toBe(503);
      await new Promise((res) => setTimeout(res, 250));
    }
    expect(recovered?.status).toBe(200);
    // nothing answered 503 was stored half-way; a retry of one is accepted once
    for (const txn of outageTxns) expect(await direct.db.$count(conversions, eq(conversions.txnId, txn))).toBe(0);
    const retry = await send({ click_id: clickId, txn_id: outageTxns[0] ?? "", amount: "10.00" });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ status: "accepted" });
    const followed = await follow(uncached);
    expect(followed.status).toBe(302);
    expect(followed.headers.get("location")).toMatch(/clk_/);
  });
});
