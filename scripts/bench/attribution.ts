/**
 * `npm run bench:attribution`: how fast are conversions attributed in bulk (time-decay over visitor
 * journeys), and how long does the model simulator take over 30 days with all six models?
 *
 * A throwaway database (dropped at the end, also on failure or Ctrl-C) gets 1 admin, 1 program, 50
 * approved partners through the test factories, then 1,000,000 clicks and 100,000 pending conversions
 * over the last 60 days, written in bulk (scripts/bench/journeys.ts). This process is pinned to CPU 0
 * where taskset exists; PostgreSQL is not pinned.
 * Env: BENCH_CLICKS (1000000), BENCH_CONVERSIONS (100000), BENCH_PARTNERS (50), BENCH_DAYS (60),
 * BENCH_CHUNK (1000 conversions per attributeBatch call), BENCH_CONCURRENCY (chunks in flight, see
 * CONCURRENCY), BENCH_SEED_ONLY=1 (stop after seeding and its checks), BENCH_KEEP_DB=1 (keep the
 * database afterwards, for EXPLAIN and profiling; drop it yourself).
 */
import { eq } from "drizzle-orm";
import { migrateDb, openDb, type DbHandle } from "@/db/client";
import { links } from "@/db/schema";
import type { StoredModel } from "@/db/schema";
import type { SimulationResult } from "@/server/attribution/simulate";
import { makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { seedJourneys } from "./journeys";
import { hasTaskset, pinSelf } from "./procs";
import { createBenchDb, dropOnExit, seconds, verdict, type BenchDb } from "./seed";

const CLICKS = Number(process.env.BENCH_CLICKS ?? 1_000_000);
const CONVERSIONS = Number(process.env.BENCH_CONVERSIONS ?? 100_000);
const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 50);
const DAYS = Number(process.env.BENCH_DAYS ?? 60);
const CHUNK = Number(process.env.BENCH_CHUNK ?? 1000);
// Two chunks in flight, as a batch job would run them: one chunk's decide() work overlaps the other's
// database round trips. On a quiet machine: 3583 vs 3029 conversions/s at 30,000 conversions. (On a
// machine busy with other work, one chunk was faster: PostgreSQL then competes for the second core.)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const SEED_ONLY = process.env.BENCH_SEED_ONLY === "1";
const DAY_MS = 86_400_000;

const MODELS: StoredModel[] = [
  { model: "last_click" },
  { model: "first_click" },
  { model: "linear" },
  { model: "time_decay", halfLifeDays: 7 },
  { model: "position_based", firstShare: 0.4, lastShare: 0.4 },
  { model: "data_driven" },
];

let benchDb: BenchDb | undefined;
let handle: DbHandle | undefined;
const cleanup = dropOnExit(() => ({ db: benchDb, handle }));

function check(ok: boolean, what: string) {
  if (!ok) throw new Error(`check failed: ${what}`);
}

/** Admin, program and approved partners through the domain code; returns the offer's links. */
async function seedProgram(h: DbHandle) {
  const db = h.db;
  const admin = await makeAdmin(db);
  const { programId, offerId } = await makeProgram(db);
  // Sign-up hashes a password with argon2 (~tens of ms): four at a time.
  for (let i = 0; i < PARTNERS; i += 4) {
    await Promise.all(Array.from({ length: Math.min(4, PARTNERS - i) }, () => makePartner(db, admin)));
  }
  const rows = await db.select({ id: links.id, partnerId: links.partnerId }).from(links).where(eq(links.offerId, offerId));
  check(rows.length === PARTNERS, `expected ${PARTNERS} links, got ${rows.length}`);
  return { programId, offerId, links: rows };
}

/** The seeded data is what the benchmark claims: exact counts, well-formed ids, journeys inside the window. */
async function checkSeed(b: BenchDb, offerId: string) {
  const [c] = await b.sql<{ clicks: number; badIds: number }[]>`
    select count(*)::int as clicks, count(*) filter (where id !~ '^clk_[0-9a-hjkmnp-tv-z]{26}$')::int as "badIds" from clicks`;
  const [v] = await b.sql<{ conversions: number; pending: number; badIds: number; lateClick: number; outside: number }[]>`
    select count(*)::int as conversions,
      count(*) filter (where v.attribution_status = 'pending')::int as pending,
      count(*) filter (where v.id !~ '^cnv_[0-9a-hjkmnp-tv-z]{26}$')::int as "badIds",
      count(*) filter (where k.created_at >= v.occurred_at)::int as "lateClick",
      sum((select count(*) from clicks j where j.visitor_id = k.visitor_id
        and (j.created_at >= v.occurred_at or j.created_at < v.occurred_at - interval '30 days')))::int as outside
    from conversions v join clicks k on k.id = v.click_id
    where v.offer_id = ${offerId}`;
  check(c?.clicks === CLICKS, `${CLICKS} clicks (got ${c?.clicks})`);
  check(c?.badIds === 0, `click ids well-formed (${c?.badIds} are not)`);
  check(v?.conversions === CONVERSIONS, `${CONVERSIONS} conversions with their click (got ${v?.conversions})`);
  check(v?.pending === CONVERSIONS, `every conversion pending (${v?.pending} are)`);
  check(v?.badIds === 0, `conversion ids well-formed (${v?.badIds} are not)`);
  check(v?.lateClick === 0, `every conversion after its click (${v?.lateClick} are not)`);
  check(v?.outside === 0, `converting journeys within 30 days before their conversion (${v?.outside} clicks are not)`);
}

/** attributeBatch over every pending conversion, CHUNK ids a call, CONCURRENCY calls in flight. */
async function attributeAll(h: DbHandle, ids: string[]): Promise<number> {
  const { attributeBatch } = await import("@/server/attribution/attribute-batch");
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) chunks.push(ids.slice(i, i + CHUNK));
  let next = 0;
  let done = 0;
  const t0 = performance.now();
  const worker = async () => {
    for (let i = next++; i < chunks.length; i = next++) {
      const chunk = chunks[i]!;
      await attributeBatch(h.db, chunk);
      done += chunk.length;
      if (Math.floor(done / 10_000) > Math.floor((done - chunk.length) / 10_000)) {
        process.stdout.write(`  ${done} attributed, ${Math.round(done / seconds(t0))}/s\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, CONCURRENCY) }, worker));
  return seconds(t0);
}

async function runSimulator(h: DbHandle, programId: string) {
  const { simulate } = await import("@/server/attribution/simulate");
  const { fitModel } = await import("@/server/attribution/fit-model");
  // Data-driven learns from the same journeys first (as the daily job would), so its column uses learned weights.
  const f0 = performance.now();
  const fit = await fitModel(h.db, programId);
  console.log(`data-driven fit: ${fit.journeys} journeys, ${fit.conversions} converting, sufficient ${fit.sufficient}, in ${seconds(f0).toFixed(1)} s`);
  const to = new Date();
  const from = new Date(to.getTime() - 30 * DAY_MS);
  const t0 = performance.now();
  const result: SimulationResult = await simulate(h.db, { programId, from, to, models: MODELS });
  const s = seconds(t0);
  const unattributed = MODELS.map((m, i) => `${m.model} ${result.unattributed?.[i] ?? "?"}`).join(", ");
  console.log(`simulator result: ${result.conversions} conversions, ${result.partners?.length ?? 0} partner rows, ${result.models?.length ?? 0} models (${result.tookMs} ms inside); unattributed: ${unattributed}`);
  return s;
}

async function main() {
  const pinned = pinSelf(0);
  console.log(pinned ? "pinned to CPU 0 (PostgreSQL unpinned)" : "taskset not found: nothing pinned (figures noisier)");

  let t0 = performance.now();
  benchDb = await createBenchDb();
  handle = await openDb({ url: benchDb.url, dataDir: "unused", max: 4 });
  await migrateDb(handle);
  const program = await seedProgram(handle);
  console.log(`database ${benchDb.name}: admin, program, ${PARTNERS} partners with links in ${seconds(t0).toFixed(1)} s`);

  t0 = performance.now();
  const seeded = await seedJourneys(benchDb.sql, { ...program, clicks: CLICKS, conversions: CONVERSIONS, days: DAYS });
  const copied = seconds(t0);
  const t1 = performance.now();
  // VACUUM as well as ANALYZE: a live database has had autovacuum over these pages (hint bits, visibility
  // map); without it the first phase to read them pays for that.
  await benchDb.sql`vacuum (analyze) clicks, conversions`;
  const seedSeconds = seconds(t0);
  console.log(
    `seeded ${seeded.clicks} clicks (${seeded.convertingClicks} in converting journeys) from ${seeded.visitors} visitors and ${seeded.conversions} pending conversions ` +
      `over ${DAYS} days in ${seedSeconds.toFixed(1)} s (copy ${copied.toFixed(1)} s, ${Math.round(seeded.clicks / copied)} clicks/s; vacuum analyze ${seconds(t1).toFixed(1)} s)`,
  );
  await checkSeed(benchDb, program.offerId);
  console.log("seed checks passed");
  if (SEED_ONLY) {
    console.log(`seed: ${seedSeconds.toFixed(2)} s`);
    return;
  }

  await benchDb.sql`update programs set attribution_model = ${benchDb.sql.json({ model: "time_decay", halfLifeDays: 7 })} where id = ${program.programId}`;
  const ids = (await benchDb.sql<{ id: string }[]>`select id from conversions where attribution_status = 'pending' order by id`).map((r) => r.id);
  console.log(`attributing ${ids.length} conversions (time_decay, half-life 7 days), ${CHUNK} per batch, ${CONCURRENCY} batch(es) in flight...`);
  const attrSeconds = await attributeAll(handle, ids);
  const rate = ids.length / attrSeconds;
  const [after] = await benchDb.sql<{ pending: number; attributed: number; unattributed: number; attributions: number; current: number }[]>`
    select count(*) filter (where attribution_status = 'pending')::int as pending,
      count(*) filter (where attribution_status = 'attributed')::int as attributed,
      count(*) filter (where attribution_status = 'unattributed')::int as unattributed,
      (select count(*)::int from attributions) as attributions,
      (select count(*)::int from attributions where superseded_at is null) as current
    from conversions`;
  console.log(`after: ${after?.attributed} attributed, ${after?.unattributed} unattributed, ${after?.pending} pending; ${after?.attributions} attribution records (${after?.current} current)`);
  // The journeys mattered: several touches per decision, credit split between partners.
  const [shape] = await benchDb.sql<{ touches: number; split: number }[]>`
    select avg(jsonb_array_length(touchpoints))::float8 as touches, count(*) filter (where jsonb_array_length(credits) > 1)::int as split from attributions`;
  console.log(`journeys: ${shape?.touches.toFixed(2)} touchpoints per decision on average, ${shape?.split} decisions split between partners`);
  check(after?.pending === 0, `no conversion left pending (${after?.pending} are)`);
  check(after?.attributions === CONVERSIONS, `${CONVERSIONS} attribution records (got ${after?.attributions})`);

  // Attribution just rewrote every conversion and added 100,000 records and commissions; on a live
  // database autovacuum would have visited them before an admin opens the simulator.
  const v0 = performance.now();
  await benchDb.sql`vacuum (analyze) conversions, attributions, commissions, ledger_entries, customer_bindings`;
  console.log(`vacuum analyze after attribution: ${seconds(v0).toFixed(1)} s`);
  const simSeconds = await runSimulator(handle, program.programId);

  console.log(`\nTouchpoint attribution benchmark (${hasTaskset ? "pinned" : "unpinned"}, PostgreSQL 127.0.0.1:5432)`);
  console.log(`seeding: ${CLICKS} clicks + ${CONVERSIONS} conversions in ${seedSeconds.toFixed(1)} s`);
  console.log(`attributed ${ids.length} conversions in ${attrSeconds.toFixed(1)} s: ${Math.round(rate)} conversions/s (target >= 2000)  ${verdict(rate >= 2000)}`);
  console.log(`simulator 30 days x ${MODELS.length} models: ${simSeconds.toFixed(2)} s (target < 5 s)  ${verdict(simSeconds < 5)}`);
  console.log(`attribution: ${Math.round(rate)} conversions/s, simulator ${simSeconds.toFixed(2)} s`);
}

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch(async (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    await cleanup();
    process.exit(1);
  });
