/**
 * `npm run bench:reports`: how fast do the dashboards, reports and the click log answer over 10 million clicks,
 * and how far do the report rollups lag behind live traffic?
 *
 * A throwaway database (dropped at the end, also on failure or Ctrl-C) gets 1 admin, 1 program with 20 offers
 * and 200 approved partners (each with a link to every offer) through the test factories, then by COPY
 * 10,000,000 clicks over the last 90 days (partners, offers and 40 countries skewed, 5 sub1 values per link) and
 * 300,000 conversions on some of them, into the months' own click partitions (as the server's partition job keeps
 * them). The product's rebuild (server/reports/rebuild-rollups.ts, `npm run reports:rebuild`) folds them all;
 * then each query runs BENCH_RUNS times over random ranges through the domain functions the pages call
 * (getDashboard, runReport, listClicks). Last, clicks arrive at 500/s while the worker runs every second, as in
 * the server's sweeper, and marker clicks and conversions are timed until a report shows them.
 * Queries and the worker run in this process, so its RSS stands in for the server's.
 * Env: BENCH_CLICKS (10000000), BENCH_CONVERSIONS (300000), BENCH_PARTNERS (200), BENCH_OFFERS (20),
 * BENCH_DAYS (90), BENCH_RUNS (25 per query), BENCH_LAG_MARKERS (10), BENCH_RATE (500 clicks/s),
 * BENCH_KEEP_DB=1 (keep the database afterwards, for EXPLAIN; drop it yourself).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql as dsql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { migrateDb, openDb, rowsOf, type Db, type DbHandle } from "@/db/client";
import * as schema from "@/db/schema";
import { idFactory, prng } from "./journeys";
import { hasTaskset, pinSelf, sleep } from "./procs";
import { AGENTS, CLICKS, CONVERSIONS, COUNTRIES, DAY_MS, DAYS, OFFERS, PARTNERS, pick, seedClicks, seedProgram, zipf, type Program } from "./reports-seed";
import { createBenchDb, dropOnExit, seconds, verdict, type BenchDb } from "./seed";

const RUNS = Math.max(20, Number(process.env.BENCH_RUNS ?? 25));
const LAG_MARKERS = Number(process.env.BENCH_LAG_MARKERS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 500);

let benchDb: BenchDb | undefined;
let handle: DbHandle | undefined;
const cleanup = dropOnExit(() => ({ db: benchDb, handle }));
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;


/**
 * The product's own rebuild (`npm run reports:rebuild`, server/reports/rebuild-rollups.ts): every click folded a
 * program day at a time, then every conversion through the worker's pass. On a connection without the app's
 * 60 s statement timeout, as the command runs. Returns how long the clicks took and how long the conversions.
 */
async function rebuildAll(url: string): Promise<{ clicks: number; entities: number; clickSeconds: number; conversionSeconds: number }> {
  const { rebuildRollups } = await import("@/server/reports/rebuild-rollups");
  // Not openDb(): its client gives up on a statement after 65 s (the server is presumed gone), and this one is long.
  const client = postgres(url, { max: 1, onnotice: () => {}, connection: { statement_timeout: 0, idle_in_transaction_session_timeout: 0, jit: "off" } });
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
  try {
    const t0 = performance.now();
    let clickSeconds = 0;
    let shown = 0;
    const { clicks } = await rebuildRollups(db, {
      drainTimeoutMs: 6 * 3_600_000,
      onClicks: (n) => {
        clickSeconds = seconds(t0);
        if (n === CLICKS || n - shown >= CLICKS / 10) {
          shown = n;
          process.stdout.write(`  rollups: ${n} clicks folded (${clickSeconds.toFixed(0)} s)\n`);
        }
      },
    });
    const [left] = rowsOf<{ n: number }>(await db.execute(dsql`select count(*)::int as n from report_folded`));
    return { clicks, entities: left?.n ?? 0, clickSeconds, conversionSeconds: seconds(t0) - clickSeconds };
  } finally {
    await client.end({ timeout: 5 });
  }
}

type Query = { name: string; run: (rand: () => number) => Promise<unknown> };
type Timed = { name: string; times: number[] };

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;

async function runQueries(db: Db, p: Program, largestPartner: string, now: number): Promise<Timed[]> {
  const { getDashboard } = await import("@/server/reports/get-dashboard");
  const { runReport } = await import("@/server/reports/run-report");
  const { reportQuerySchema } = await import("@/server/reports/schemas");
  const { listClicks, clickLogInput } = await import("@/server/reports/list-clicks");
  const partnerCum = zipf(p.partnerIds.length, 0.9);
  const anyPartner = (r: () => number) => p.partnerIds[pick(partnerCum, r())]!;
  // a day whose window of `span` days ending on it lies inside the seeded period
  const endDay = (r: () => number, span: number) => now - Math.floor(r() * (DAYS - span)) * DAY_MS;
  const range = (r: () => number, span: number) => {
    const to = endDay(r, span);
    return { from: isoDay(to - (span - 1) * DAY_MS), to: isoDay(to) };
  };
  const queries: Query[] = [
    { name: "admin dashboard", run: (r) => getDashboard(db, { kind: "admin" }, { now: new Date(endDay(r, 30)) }) },
    { name: "partner dashboard (largest)", run: (r) => getDashboard(db, { kind: "partner", partnerId: largestPartner }, { now: new Date(endDay(r, 30)) }) },
    { name: "day x offer, 30 days", run: (r) => runReport(db, reportQuerySchema.parse({ ...range(r, 30), dimensions: ["day", "offer"], pageSize: 1000 }), { kind: "admin" }) },
    {
      name: "sub1 top 100, one partner, 30 days",
      run: (r) => runReport(db, reportQuerySchema.parse({ ...range(r, 30), dimensions: ["sub1"], sort: { by: "clicks", dir: "desc" }, pageSize: 100 }), { kind: "partner", partnerId: anyPartner(r) }),
    },
    { name: "country x device, 7 days", run: (r) => runReport(db, reportQuerySchema.parse({ ...range(r, 7), dimensions: ["country", "device"] }), { kind: "admin" }) },
    {
      name: "click log, partner + country",
      run: (r) => listClicks(db, clickLogInput.parse({ partnerId: anyPartner(r), country: COUNTRIES[Math.floor(r() * 10)] })),
    },
  ];
  const rand = prng(7);
  const out: Timed[] = [];
  for (const q of queries) {
    await q.run(rand); // warm-up: plans, connections, the page cache
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await q.run(rand);
      times.push(performance.now() - t0);
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`${q.name.padEnd(36)} p50 ${quantile(sorted, 0.5).toFixed(1).padStart(7)} ms  p95 ${quantile(sorted, 0.95).toFixed(1).padStart(7)} ms  max ${sorted.at(-1)!.toFixed(1).padStart(7)} ms  (${RUNS} runs)`);
    out.push({ name: q.name, times });
  }
  return out;
}

/**
 * RATE clicks/s by plain INSERTs (the click writer's statement: the txid default is what the worker folds by), the
 * worker passing every second as the sweeper does; each marker click (a sub1 of its own), then a conversion on
 * it, is timed from its commit until the partner's report filtered on that sub1 shows it.
 */
async function measureLag(db: Db, sql: postgres.Sql, p: Program, partnerId: string, offerId: string): Promise<{ clickLags: number[]; conversionLags: number[]; rate: number }> {
  const { runRollups } = await import("@/server/reports/run-rollups");
  const { runReport } = await import("@/server/reports/run-report");
  const { reportQuerySchema } = await import("@/server/reports/schemas");
  const newIdAt = idFactory();
  const rand = prng(99);
  const link = p.links.get(`${partnerId}/${offerId}`)!;
  const allLinks = [...p.links.entries()].map(([key, l]) => ({ id: l.id, partnerId: key.split("/")[0]!, offerId: key.split("/")[1]! }));
  let stop = false;
  let written = 0;
  const t0 = performance.now();
  const load = (async () => {
    const batch = Math.max(1, Math.round(RATE / 10));
    for (let tick = 0; !stop; tick++) {
      const rows = Array.from({ length: batch }, () => {
        const l = allLinks[Math.floor(rand() * allLinks.length)]!;
        const a = AGENTS[Math.floor(rand() * AGENTS.length)]!;
        return { id: newIdAt("click", Date.now()), link_id: l.id, partner_id: l.partnerId, offer_id: l.offerId, visitor_id: `lv${Math.floor(rand() * 1e6)}`, ip: "203.0.113.9", country: COUNTRIES[Math.floor(rand() * 40)]!, user_agent: a.ua, device_type: a.device, os: a.os, browser: a.browser, sub1: `l0s${1 + Math.floor(rand() * 5)}` };
      });
      await sql`insert into clicks ${sql(rows)}`;
      written += batch;
      const due = t0 + ((tick + 1) * 1000) / 10;
      await sleep(Math.max(0, due - performance.now()));
    }
  })();
  let folding = false;
  const worker = setInterval(() => {
    if (folding) return;
    folding = true;
    runRollups(db)
      .catch((err: unknown) => console.error("rollup pass failed:", err))
      .finally(() => (folding = false));
  }, 1_000);
  const visible = async (sub1: string, what: "clicks" | "conversions", since: number) => {
    const today = isoDay(Date.now());
    for (;;) {
      const r = await runReport(db, reportQuerySchema.parse({ from: isoDay(Date.now() - DAY_MS), to: today, filters: { sub1 } }), { kind: "partner", partnerId });
      if (r.totals[what] > 0) return (performance.now() - since) / 1000;
      if (performance.now() - since > 60_000) throw new Error(`marker ${sub1} did not show its ${what} within 60 s`);
      await sleep(50);
    }
  };
  const clickLags: number[] = [];
  const conversionLags: number[] = [];
  try {
    await sleep(3_000); // the load and the worker settle first
    for (let i = 0; i < LAG_MARKERS; i++) {
      const sub1 = `lag-marker-${i}`;
      const clickId = newIdAt("click", Date.now());
      await sql`insert into clicks (id, link_id, partner_id, offer_id, visitor_id, country, device_type, sub1) values (${clickId}, ${link.id}, ${partnerId}, ${offerId}, ${`lag-${i}`}, 'US', 'desktop', ${sub1})`;
      clickLags.push(await visible(sub1, "clicks", performance.now()));
      const at = new Date();
      await sql`insert into conversions (id, program_id, offer_id, click_id, partner_id, event, txn_id, amount, currency, occurred_at, params, attribution_status)
        values (${newIdAt("conversion", at.getTime())}, ${p.programId}, ${offerId}, ${clickId}, ${partnerId}, 'ftd', ${`lag-${Date.now()}-${i}`}, 10000, 'USD', ${at}, '{}', 'attributed')`;
      conversionLags.push(await visible(sub1, "conversions", performance.now()));
      await sleep(Math.floor(rand() * 1000));
    }
  } finally {
    stop = true;
    await load;
    clearInterval(worker);
    while (folding) await sleep(20);
  }
  return { clickLags, conversionLags, rate: written / seconds(t0) };
}

type Context = Omit<Program, "links"> & { links: [string, { id: string; index: number }][]; largestPartner: string; now: number };
type Measured = { timed: Timed[]; lag: Awaited<ReturnType<typeof measureLag>>; rssStart: number; rssPeak: number };

/** Runs this script again with BENCH_CHILD set (see child()) and reads back what it measured. */
async function measureInChild(url: string, ctx: Context): Promise<Measured> {
  // The context (4,000 links) is too long for an environment variable: it goes through a file, as the result does.
  const input = path.join(os.tmpdir(), `bench-reports-${process.pid}-in.json`);
  const out = path.join(os.tmpdir(), `bench-reports-${process.pid}-out.json`);
  fs.writeFileSync(input, JSON.stringify(ctx));
  try {
    const child = spawn(process.execPath, ["--import", "tsx", __filename], { stdio: "inherit", env: { ...process.env, BENCH_CHILD: "1", BENCH_CHILD_URL: url, BENCH_CHILD_CONTEXT: input, BENCH_CHILD_OUT: out } });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    if (code !== 0) throw new Error(`the measuring process exited with ${code}`);
    return JSON.parse(fs.readFileSync(out, "utf8")) as Measured;
  } finally {
    fs.rmSync(input, { force: true });
    fs.rmSync(out, { force: true });
  }
}

async function child() {
  const rssStart = rssMb();
  let rssPeak = rssStart;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb())), 100);
  const ctx = JSON.parse(fs.readFileSync(process.env.BENCH_CHILD_CONTEXT ?? "", "utf8")) as Context;
  const program: Program = { ...ctx, links: new Map(ctx.links) };
  const url = process.env.BENCH_CHILD_URL ?? "";
  const h = await openDb({ url, dataDir: "unused", max: 10 });
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  try {
    const timed = await runQueries(h.db, program, ctx.largestPartner, ctx.now);
    console.log(`\nlag: ${RATE} clicks/s by INSERT, the rollup worker passing every second, ${LAG_MARKERS} marker clicks and conversions...`);
    const lag = await measureLag(h.db, sql, program, ctx.largestPartner, program.offerIds[0]!);
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, rssMb());
    fs.writeFileSync(process.env.BENCH_CHILD_OUT ?? "", JSON.stringify({ timed, lag, rssStart, rssPeak } satisfies Measured));
  } finally {
    await sql.end({ timeout: 2 });
    await h.close();
  }
}

async function main() {
  // the factories' sign-up reads the app's configuration; this process serves no sessions
  process.env.NEXTAUTH_SECRET ??= randomBytes(24).toString("hex");
  const pinned = pinSelf(0);
  console.log(pinned ? "pinned to CPU 0 (PostgreSQL unpinned)" : "taskset not found: nothing pinned (figures noisier)");
  const now = Date.now();

  let t0 = performance.now();
  benchDb = await createBenchDb();
  handle = await openDb({ url: benchDb.url, dataDir: "unused", max: 10 });
  await migrateDb(handle);
  const program = await seedProgram(handle.db);
  const setupSeconds = seconds(t0);
  console.log(`database ${benchDb.name}: admin, program, ${OFFERS} offers, ${PARTNERS} partners, ${program.links.size} links in ${setupSeconds.toFixed(1)} s`);

  // the seeded months' partitions, as the server's partition job (which runs from boot) would have made them
  const { ensureClickPartitions } = await import("@/db/click-partitions");
  const first = new Date(now - DAYS * DAY_MS);
  const months = (new Date(now).getUTCFullYear() - first.getUTCFullYear()) * 12 + new Date(now).getUTCMonth() - first.getUTCMonth();
  await ensureClickPartitions(handle.db, first, months + 3);

  t0 = performance.now();
  const { largestPartner } = await seedClicks(benchDb.sql, program, now);
  const copySeconds = seconds(t0);
  const v0 = performance.now();
  await benchDb.sql`vacuum (analyze) clicks, conversions`;
  console.log(`copied ${CLICKS} clicks and ${CONVERSIONS} conversions over ${DAYS} days in ${copySeconds.toFixed(1)} s (${Math.round(CLICKS / copySeconds)} clicks/s); vacuum analyze ${seconds(v0).toFixed(1)} s`);

  const f0 = performance.now();
  const folded = await rebuildAll(benchDb.url);
  const foldSeconds = seconds(f0);
  const a0 = performance.now();
  await benchDb.sql`vacuum (analyze) report_rollups, report_folded`;
  const [rollup] = await benchDb.sql<{ rows: number; size: string }[]>`select count(*)::int as rows, pg_size_pretty(pg_total_relation_size('report_rollups')) as size from report_rollups`;
  console.log(`rollups rebuilt: ${folded.clicks} clicks in ${folded.clickSeconds.toFixed(1)} s, then ${folded.entities} conversions in ${folded.conversionSeconds.toFixed(1)} s; ${rollup?.rows} rollup rows (${rollup?.size}); vacuum analyze ${seconds(a0).toFixed(1)} s`);
  const seedSeconds = setupSeconds + copySeconds + foldSeconds;
  if (folded.clicks !== CLICKS || folded.entities !== CONVERSIONS) throw new Error(`folded ${folded.clicks} clicks and ${folded.entities} conversions, expected ${CLICKS} and ${CONVERSIONS}`);

  // Reports agree with the raw data they summarise.
  const { runReport } = await import("@/server/reports/run-report");
  const { reportQuerySchema } = await import("@/server/reports/schemas");
  const all = await runReport(handle.db, reportQuerySchema.parse({ from: isoDay(now - (DAYS + 1) * DAY_MS), to: isoDay(now) }), { kind: "admin" });
  if (all.totals.clicks !== CLICKS || (all.totals.byEvent.ftd ?? 0) + (all.totals.byEvent.deposit ?? 0) !== CONVERSIONS) throw new Error(`the report shows ${all.totals.clicks} clicks and ${JSON.stringify(all.totals.byEvent)}`);
  console.log(`check: the ${DAYS}-day report totals ${all.totals.clicks} clicks and ${CONVERSIONS} conversions\n`);

  // Queries, the worker and the click writer run in a fresh process (as in a server): its RSS is not the seeder's.
  const measured = await measureInChild(benchDb.url, { ...program, links: [...program.links], largestPartner, now });
  const { timed, lag, rssStart, rssPeak } = measured;
  const fmt = (xs: number[]) => `median ${quantile([...xs].sort((a, b) => a - b), 0.5).toFixed(2)} s, max ${Math.max(...xs).toFixed(2)} s`;
  console.log(`load ran at ${Math.round(lag.rate)} clicks/s; click to report: ${fmt(lag.clickLags)}; conversion to report: ${fmt(lag.conversionLags)}`);
  const [size] = await benchDb.sql<{ db: string; clicks: string; rollups: string }[]>`
    select pg_size_pretty(pg_database_size(current_database())) as db, pg_size_pretty((select coalesce(sum(pg_total_relation_size(inhrelid)), 0) from pg_inherits where inhparent = 'clicks'::regclass)::bigint) as clicks, pg_size_pretty(pg_total_relation_size('report_rollups')) as rollups`;

  const every = timed.flatMap((t) => t.times).sort((a, b) => a - b);
  const p50 = quantile(every, 0.5);
  const p95 = quantile(every, 0.95);
  const worst = [...timed].sort((a, b) => quantile([...b.times].sort((x, y) => x - y), 0.95) - quantile([...a.times].sort((x, y) => x - y), 0.95))[0]!;
  const maxLag = Math.max(...lag.clickLags, ...lag.conversionLags);

  console.log(`\nTouchpoint reports benchmark (${hasTaskset ? "bench pinned to CPU 0" : "unpinned"}, PostgreSQL 127.0.0.1:5432)`);
  console.log(`seed: ${seedSeconds.toFixed(1)} s (setup ${setupSeconds.toFixed(1)} s, COPY of ${CLICKS} clicks + ${CONVERSIONS} conversions ${copySeconds.toFixed(1)} s, rollups rebuilt ${foldSeconds.toFixed(1)} s: clicks ${folded.clickSeconds.toFixed(1)} s, conversions ${folded.conversionSeconds.toFixed(1)} s)`);
  console.log(`database size: ${size?.db} (clicks ${size?.clicks}, report_rollups ${size?.rollups}, ${rollup?.rows} rollup rows)`);
  console.log(`RSS of the measuring process (queries + rollup worker + ${RATE}/s click writer, tsx loaded): ${Math.round(rssStart)} MB at start, peak ${Math.round(rssPeak)} MB`);
  console.log("\ntargets:");
  console.log(`  p50 < 100 ms: ${p50.toFixed(1)} ms  ${verdict(p50 < 100)}`);
  console.log(`  p95 < 300 ms: ${p95.toFixed(1)} ms  ${verdict(p95 < 300)}`);
  console.log(`  rollup lag < 5 s at ${RATE} clicks/s: ${maxLag.toFixed(2)} s (worst of ${lag.clickLags.length} clicks and ${lag.conversionLags.length} conversions)  ${verdict(maxLag < 5)}`);
  console.log(`  RSS < 300 MB: peak ${Math.round(rssPeak)} MB (the measuring process, not a Next server)  ${verdict(rssPeak < 300)}`);
  console.log(`reports: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, worst ${worst.name}, rollup lag ${maxLag.toFixed(2)} s`);
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
    .then(() => cleanup())
    .then(() => process.exit(0))
    .catch(async (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      await cleanup();
      process.exit(1);
    });
}
