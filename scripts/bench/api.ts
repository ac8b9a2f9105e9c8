/**
 * `npm run bench:api`: how fast do the REST API's list endpoints answer, and how much memory does serving them take?
 *
 * A throwaway PostgreSQL database (dropped at the end, also on failure or Ctrl-C) is seeded with the reports
 * benchmark's data (scripts/bench/reports-seed.ts: a program, offers, approved partners with links, clicks and
 * conversions by COPY) plus one commission per conversion. A fresh child process then serves /api/v1 on a
 * loopback HTTP listener (node:http -> handleApi, as the route handler does) and requests each list endpoint
 * BENCH_RUNS times over HTTP with an API key: first pages, pages further down by cursor, and filtered pages
 * (by partner, by a 7-day window, by status). Its RSS is the server's.
 * Default scale is the one the targets are set for: 1,000,000 clicks (all in the last 90 days), 30,000 conversions
 * and commissions, 200 partners and 20 offers (about 3 minutes of seeding on 2 cores). `--small` seeds 50,000
 * clicks, 20 partners and 5 offers for a quick look.
 * Env: BENCH_CLICKS, BENCH_CONVERSIONS, BENCH_PARTNERS, BENCH_OFFERS, BENCH_DAYS, BENCH_RUNS (40 per endpoint).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

const small = process.argv.includes("--small");
process.env.BENCH_CLICKS ??= small ? "50000" : "1000000";
process.env.BENCH_PARTNERS ??= small ? "20" : "200";
process.env.BENCH_OFFERS ??= small ? "5" : "20";
process.env.BENCH_DAYS ??= "90";
const RUNS = Math.max(10, Number(process.env.BENCH_RUNS ?? 40));
const DAY_MS = 86_400_000;

type Context = { secret: string; partnerIds: string[]; offerIds: string[]; now: number };
type Timed = { name: string; times: number[] };
type Measured = { timed: Timed[]; rssStart: number; rssPeak: number };

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

async function child() {
  const ctx = JSON.parse(fs.readFileSync(process.env.BENCH_CHILD_CONTEXT ?? "", "utf8")) as Context;
  const { openDb } = await import("@/db/client");
  const { handleApi } = await import("@/server/api/handle-api");
  const handle = await openDb({ url: process.env.BENCH_CHILD_URL, dataDir: "unused", max: 10 });
  const rate = { capacity: 1e9, refillPerSecond: 1e9 }; // the bench measures queries, not the limiter
  const server = http.createServer(async (req, res) => {
    const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers: { authorization: req.headers.authorization ?? "" } });
    const response = await handleApi(handle.db, request, "127.0.0.1", { rate });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  const rssStart = rssMb();
  let rssPeak = rssStart;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb())), 50);

  async function get(p: string): Promise<{ ms: number; body: { data: unknown[]; nextCursor: string | null } }> {
    const t0 = performance.now();
    const res = await fetch(`${base}${p}`, { headers: { authorization: `Bearer ${ctx.secret}` } });
    const body = (await res.json()) as { data: unknown[]; nextCursor: string | null };
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${p}: ${res.status} ${JSON.stringify(body)}`);
    return { ms, body };
  }
  const pick = <T>(xs: T[], i: number) => xs[i % xs.length]!;
  const week = (i: number) => {
    const from = ctx.now - (7 + (i % 80)) * DAY_MS;
    return `createdAfter=${encodeURIComponent(new Date(from).toISOString())}&createdBefore=${encodeURIComponent(new Date(from + 7 * DAY_MS).toISOString())}`;
  };
  const endpoints: [string, (i: number) => string][] = [
    ["clicks, first page of 100", () => "/clicks?limit=100"],
    ["clicks by partner, 7-day window", (i) => `/clicks?limit=100&partnerId=${pick(ctx.partnerIds, i)}&${week(i)}`],
    ["conversions, first page of 100", () => "/conversions?limit=100"],
    ["conversions by offer, 7-day window", (i) => `/conversions?limit=100&offerId=${pick(ctx.offerIds, i)}&${week(i)}`],
    ["commissions, first page of 100", () => "/commissions?limit=100"],
    ["commissions by partner, pending", (i) => `/commissions?limit=100&status=pending&partnerId=${pick(ctx.partnerIds, i)}`],
    ["partners, page of 100", () => "/partners?limit=100"],
    ["offers", () => "/offers?limit=100"],
    ["links by partner", (i) => `/links?limit=100&partnerId=${pick(ctx.partnerIds, i)}`],
  ];
  const timed: Timed[] = [];
  for (const [name, url] of endpoints) {
    await get(url(0)); // warm the plan cache and the key lookup
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push((await get(url(i))).ms);
    timed.push({ name, times });
  }
  // deep pages: follow the cursor 10 pages into the click and conversion logs
  for (const list of ["clicks", "conversions"]) {
    const times: number[] = [];
    for (let r = 0; r < Math.ceil(RUNS / 10); r++) {
      let cursor: string | null = null;
      for (let i = 0; i < 10; i++) {
        const { ms, body } = await get(`/${list}?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
        times.push(ms);
        cursor = body.nextCursor;
        if (!cursor) break;
      }
    }
    timed.push({ name: `${list}, 10 pages by cursor`, times });
  }
  clearInterval(sampler);
  server.close();
  await handle.close();
  fs.writeFileSync(process.env.BENCH_CHILD_OUT ?? "", JSON.stringify({ timed, rssStart, rssPeak } satisfies Measured));
}

async function main() {
  process.env.NEXTAUTH_SECRET ??= randomBytes(24).toString("hex");
  const { sql } = await import("drizzle-orm");
  const { migrateDb, openDb } = await import("@/db/client");
  const { createBenchDb, dropOnExit, seconds, verdict } = await import("./seed");
  const { CLICKS, CONVERSIONS, OFFERS, PARTNERS, seedClicks, seedProgram } = await import("./reports-seed");
  const { createApiKey } = await import("@/server/api/manage-keys");
  const { API_SCOPES } = await import("@/server/api/scopes");
  const { users } = await import("@/db/schema");

  let benchDb: Awaited<ReturnType<typeof createBenchDb>> | undefined;
  let handle: Awaited<ReturnType<typeof openDb>> | undefined;
  const cleanup = dropOnExit(() => ({ db: benchDb, handle }));
  try {
    const now = Date.now();
    let t0 = performance.now();
    benchDb = await createBenchDb();
    handle = await openDb({ url: benchDb.url, dataDir: "unused", max: 10 });
    await migrateDb(handle);
    const program = await seedProgram(handle.db);
    await seedClicks(benchDb.sql, program, now);
    // one pending commission per conversion, for the commission lists
    await handle.db.execute(sql`insert into commissions (id, kind, conversion_id, partner_id, offer_id, amount, currency, occurred_at, created_at)
      select 'com_' || substr(id, 5), 'event', id, partner_id, offer_id, amount / 10, 'USD', occurred_at, created_at from conversions`);
    await benchDb.sql`vacuum (analyze)`;
    const [admin] = await handle.db.select({ id: users.id }).from(users).limit(1);
    const { secret } = await createApiKey(handle.db, { name: "bench", programId: null, scopes: API_SCOPES, expiresInDays: null, actorId: admin!.id });
    console.log(`seeded ${PARTNERS} partners, ${OFFERS} offers, ${CLICKS} clicks, ${CONVERSIONS} conversions and commissions in ${seconds(t0).toFixed(1)} s`);

    t0 = performance.now();
    const input = path.join(os.tmpdir(), `bench-api-${process.pid}-in.json`);
    const out = path.join(os.tmpdir(), `bench-api-${process.pid}-out.json`);
    fs.writeFileSync(input, JSON.stringify({ secret, partnerIds: program.partnerIds, offerIds: program.offerIds, now } satisfies Context));
    let measured: Measured;
    try {
      const proc = spawn(process.execPath, ["--import", "tsx", __filename], { stdio: "inherit", env: { ...process.env, BENCH_CHILD: "1", BENCH_CHILD_URL: benchDb.url, BENCH_CHILD_CONTEXT: input, BENCH_CHILD_OUT: out } });
      const code = await new Promise<number | null>((resolve) => proc.once("exit", resolve));
      if (code !== 0) throw new Error(`the measuring process exited with ${code}`);
      measured = JSON.parse(fs.readFileSync(out, "utf8")) as Measured;
    } finally {
      fs.rmSync(input, { force: true });
      fs.rmSync(out, { force: true });
    }

    console.log(`\nTouchpoint REST API benchmark (PostgreSQL 127.0.0.1:5432, ${CLICKS} clicks, ${RUNS} requests per endpoint over loopback HTTP)`);
    // the figures move with whatever else the machine runs: say how busy it was
    console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (1, 5, 15 min) after measuring`);
    for (const t of measured.timed) {
      const s = [...t.times].sort((a, b) => a - b);
      console.log(`  ${t.name.padEnd(40)} p50 ${quantile(s, 0.5).toFixed(1).padStart(7)} ms   p95 ${quantile(s, 0.95).toFixed(1).padStart(7)} ms`);
    }
    const every = measured.timed.flatMap((t) => t.times).sort((a, b) => a - b);
    const p50 = quantile(every, 0.5);
    const p95 = quantile(every, 0.95);
    console.log(`RSS of the serving process (API + loopback client, tsx loaded): ${Math.round(measured.rssStart)} MB at start, peak ${Math.round(measured.rssPeak)} MB`);
    console.log("\ntargets:");
    console.log(`  p50 < 50 ms: ${p50.toFixed(1)} ms  ${verdict(p50 < 50)}`);
    console.log(`  p95 < 150 ms: ${p95.toFixed(1)} ms  ${verdict(p95 < 150)}`);
    console.log(`  RSS < 300 MB: peak ${Math.round(measured.rssPeak)} MB  ${verdict(measured.rssPeak < 300)}`);
    console.log(`api lists: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, peak RSS ${Math.round(measured.rssPeak)} MB (measured in ${seconds(t0).toFixed(1)} s)`);
  } finally {
    await cleanup();
  }
}

if (process.env.BENCH_CHILD === "1") {
  child()
    .then(() => process.exit(0))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    });
} else {
  main()
    .then(() => process.exit(0))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    });
}
