/**
 * `npm run bench:pipeline`: how fast does the background pipeline attribute, check and accrue recorded
 * conversions from a cold queue, and does it still keep up on top of a long history?
 *
 * A program with 200 approved partners (test factories), a default plan with ftd tiers and two levels of
 * multi-tier overrides (every partner past the first ten has a sponsor, every one past the first fifty a
 * sponsor's sponsor), a second plan assigned to every tenth partner in its place, and the fraud rules on
 * (their defaults). Conversions are written in bulk (scripts/bench/journeys.ts): each visitor's journey has
 * 1 to 5 clicks on random partners' links, plus visitors who never convert; each conversion gets its outbox
 * event as a postback would. Then:
 * 1. cold: 20,000 conversions processed by the in-process runner (drainOutbox: batches, server/conversions/
 *    process-batch.ts), timed;
 * 2. one by one: a copy of the same database taken before step 1, whose first BENCH_ONE_BY_ONE events go
 *    through the conversion job one at a time in claim order (the path before batches); the digest of
 *    those conversions (test/pipeline-digest.ts) must equal the batch run's;
 * 3. history: another copy of the seeded program gets 100,000 conversions over the 30 days before,
 *    processed by the runner, then 20,000 new ones over the last 30 days, timed, with the same comparison.
 * Every database is throwaway and dropped at the end, also on failure or Ctrl-C.
 * Env: BENCH_CONVERSIONS (20000), BENCH_HISTORY (100000), BENCH_PARTNERS (200), BENCH_ONE_BY_ONE (2000),
 * BENCH_BATCH (conversions per claimed batch, CONVERSION_BATCH.size).
 */
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { migrateDb, openDb, rowsOf, type DbHandle } from "@/db/client";
import { links, outboxEvents } from "@/db/schema";
import { assignPlan, createPlan } from "@/server/commissions/manage-plans";
import type { PlanTerms } from "@/server/commissions/plans/types";
import { processConversion } from "@/server/jobs/functions/process-conversion";
import { CONVERSION_BATCH, drainOutbox, kickLocalRunner } from "@/server/jobs/outbox";
import { EPOCH, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { pipelineDigest } from "@/test/pipeline-digest";
import { idFactory, seedJourneys, type JourneyLink } from "./journeys";
import { seconds, verdict } from "./seed";

const ADMIN_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CONVERSIONS = Number(process.env.BENCH_CONVERSIONS ?? 20_000);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 100_000);
const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 200);
const ONE_BY_ONE = Number(process.env.BENCH_ONE_BY_ONE ?? 2000);
if (process.env.BENCH_BATCH) CONVERSION_BATCH.size = Number(process.env.BENCH_BATCH);
const DAYS = 30;
const DAY_MS = 86_400_000;

const TIERED: PlanTerms = {
  currency: "USD",
  components: {
    cpa: { event: "ftd", amount: 10_000n },
    tiers: { metric: "ftd_count", event: "ftd", appliesTo: "cpa", tiers: [{ from: 1, to: 20, amount: 10_000n }, { from: 21, to: 60, amount: 12_500n }, { from: 61, to: null, amount: 15_000n }] },
    multiTier: { levels: [1000, 500] },
  },
};
const FLAT: PlanTerms = { currency: "USD", components: { cpa: { event: "ftd", amount: 11_000n }, multiTier: { levels: [800] } } };

const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
const made: string[] = [];
const handles = new Set<DbHandle>();
const urlOf = (name: string) => ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);

async function createDb(template?: string): Promise<string> {
  const name = `touchpoint_bench_${randomBytes(5).toString("hex")}`;
  await admin.unsafe(`create database ${name}${template ? ` template ${template}` : ""}`);
  made.push(name);
  return name;
}

async function open(name: string): Promise<DbHandle> {
  const h = await openDb({ url: urlOf(name), dataDir: "unused", max: 10 });
  handles.add(h);
  return h;
}

async function close(h: DbHandle) {
  handles.delete(h);
  await h.close();
}

let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    for (const h of handles) await h.close().catch(() => {});
    if (process.env.BENCH_KEEP_DB === "1") console.log(`BENCH_KEEP_DB=1: kept ${made.join(", ")}; drop them yourself`);
    else for (const name of made) await admin.unsafe(`drop database if exists ${name} with (force)`).catch((err: unknown) => console.error(`could not drop ${name}:`, err));
    await admin.end({ timeout: 2 });
  })());
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    console.error(`\n${sig}: dropping the bench databases...`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** The program, partners, plans and sponsors; returns the offer's links. */
async function seedProgram(name: string): Promise<{ programId: string; offerId: string; links: JourneyLink[] }> {
  const h = await open(name);
  try {
    await migrateDb(h);
    const db = h.db;
    const boss = await makeAdmin(db);
    const { programId, offerId } = await makeProgram(db, { terms: TIERED });
    for (let i = 0; i < PARTNERS; i += 4) await Promise.all(Array.from({ length: Math.min(4, PARTNERS - i) }, () => makePartner(db, boss)));
    const { planId } = await createPlan(db, { programId, name: "Flat for resellers", terms: FLAT, actorId: null, effectiveFrom: EPOCH });
    const rows = await db.select({ id: links.id, partnerId: links.partnerId }).from(links).where(eq(links.offerId, offerId)).orderBy(links.partnerId);
    for (const [i, r] of rows.entries()) if (i % 10 === 5) await assignPlan(db, { programId, planId, partnerId: r.partnerId, offerId: null, effectiveFrom: EPOCH, note: "reseller terms", actorId: null });
    // sponsors: partner i is sponsored by partner floor(i / 5), so overrides go up to two levels
    await db.execute(sql`
      with ranked as (select id, row_number() over (order by id) - 1 as n from partners)
      update partners p set parent_partner_id = s.id from ranked r join ranked s on s.n = r.n / 5
      where p.id = r.id and r.n >= 10`);
    // the sign-ups' mails went to the in-process runner: let it finish before the handle closes
    await kickLocalRunner(db);
    // every partner with names that are the same in every copy (the digest names partners)
    await db.execute(sql`with ranked as (select id, row_number() over (order by id) as n from partners) update partners p set name = 'Partner ' || r.n from ranked r where p.id = r.id`);
    return { programId, offerId, links: rows };
  } finally {
    await close(h);
  }
}

/** `count` conversions over the `days` before `now`, with their journeys and an outbox event each (in recorded order). */
async function addConversions(name: string, program: { programId: string; offerId: string; links: JourneyLink[] }, count: number, now: Date, seed: number) {
  const sql = postgres(urlOf(name), { max: 1, onnotice: () => {} });
  try {
    const seeded = await seedJourneys(sql, { ...program, clicks: count * 4, conversions: count, days: DAYS, now, seed, maxClicks: 5 });
    const newId = idFactory();
    // in chunks: a statement takes at most 65,534 parameters
    const rows: { id: string; at: Date }[] = [];
    for (let i = 0; i < seeded.conversionIds.length; i += 10_000) rows.push(...(await sql<{ id: string; at: Date }[]>`select id, created_at as at from conversions where id in ${sql(seeded.conversionIds.slice(i, i + 10_000))}`));
    rows.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const outbox = rows.map((r) => ({ id: newId("outboxEvent", r.at.getTime()), name: "conversion/recorded", data: { conversionId: r.id }, available_at: r.at }));
    for (let i = 0; i < outbox.length; i += 5000) await sql`insert into outbox_events ${sql(outbox.slice(i, i + 5000).map((o) => ({ ...o, data: sql.json(o.data) })))}`;
    await sql`vacuum (analyze) clicks, conversions, outbox_events`;
    return seeded.conversionIds.length;
  } finally {
    await sql.end({ timeout: 2 });
  }
}

/** The runner over every due event: returns conversions per second. */
async function runPipeline(name: string, label: string, expected: number): Promise<number> {
  const h = await open(name);
  try {
    const t0 = performance.now();
    let done = 0;
    for (let round = 0; done < expected && round < 5; round++) done += await drainOutbox(h.db, expected - done);
    const s = seconds(t0);
    const [left] = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from outbox_events where processed_at is null and name = 'conversion/recorded'`));
    if ((left?.n ?? 0) > 0) throw new Error(`${label}: ${left?.n} conversion events left unprocessed`);
    console.log(`${label}: ${done} conversions in ${s.toFixed(1)} s, ${Math.round(done / s)}/s`);
    return done / s;
  } finally {
    await close(h);
  }
}

/** The first `n` events due (the claim order), to be compared: their conversion ids. */
async function firstDue(name: string, n: number): Promise<{ outboxId: string; conversionId: string }[]> {
  const h = await open(name);
  try {
    const rows = await h.db.select({ id: outboxEvents.id, data: outboxEvents.data }).from(outboxEvents).where(sql`processed_at is null and name = 'conversion/recorded'`).orderBy(outboxEvents.availableAt, outboxEvents.id).limit(n);
    return rows.map((r) => ({ outboxId: r.id, conversionId: String(r.data.conversionId) }));
  } finally {
    await close(h);
  }
}

/** The conversion job on each event in claim order, one at a time: returns conversions per second. */
async function oneByOne(name: string, events: { outboxId: string; conversionId: string }[]): Promise<number> {
  const h = await open(name);
  try {
    const t0 = performance.now();
    for (const e of events) await processConversion.runLocal(h.db, { conversionId: e.conversionId }, e.outboxId, { dispatch: false });
    const s = seconds(t0);
    console.log(`one by one: ${events.length} conversions in ${s.toFixed(1)} s, ${Math.round(events.length / s)}/s`);
    return events.length / s;
  } finally {
    await close(h);
  }
}

async function digestOf(name: string, ids: string[]) {
  const h = await open(name);
  try {
    return await pipelineDigest(h.db, ids);
  } finally {
    await close(h);
  }
}

async function outcomes(name: string): Promise<string> {
  const h = await open(name);
  try {
    const [r] = rowsOf<Record<string, number>>(
      await h.db.execute(sql`
        select count(*) filter (where attribution_status = 'attributed')::int as attributed, count(*) filter (where fraud_status = 'clear')::int as clear,
          count(*) filter (where fraud_status = 'flagged')::int as flagged, count(*) filter (where fraud_status = 'held')::int as held,
          count(*) filter (where fraud_status = 'rejected')::int as rejected,
          (select count(*)::int from commissions where kind = 'override') as overrides, (select count(*)::int from ledger_entries) as ledger,
          (select count(distinct amount)::int from commissions where kind = 'event' and credit = 1) as tiers
        from conversions`),
    );
    return Object.entries(r ?? {}).map(([k, v]) => `${v} ${k}`).join(", ");
  } finally {
    await close(h);
  }
}

/** Runs `name`'s due conversions through the runner and, on a copy taken first, the first ONE_BY_ONE one by one. */
async function compare(name: string, label: string, expected: number) {
  const copy = await createDb(name);
  const events = await firstDue(name, ONE_BY_ONE);
  const rate = await runPipeline(name, label, expected);
  const single = events.length > 0 ? await oneByOne(copy, events) : 0;
  const ids = events.map((e) => e.conversionId);
  const [a, b] = [await digestOf(name, ids), await digestOf(copy, ids)];
  const same = a.digest === b.digest && a.conversions === events.length;
  console.log(`${label}: digest of the first ${a.conversions} conversions (${a.ledgerLines} ledger lines) ${a.digest.slice(0, 16)} batched, ${b.digest.slice(0, 16)} one by one: ${same ? "same" : "DIFFERENT"}`);
  if (!same) {
    const theirs = new Set(b.lines);
    for (const line of a.lines.filter((l) => !theirs.has(l)).slice(0, 3)) console.log(`  batched only: ${line}`);
  }
  console.log(`${label}: ${await outcomes(name)}`);
  await admin.unsafe(`drop database if exists ${copy} with (force)`);
  return { rate, single, same };
}

async function main() {
  // the partner sign-up the factories go through reads the app's configuration
  process.env.NEXTAUTH_SECRET ??= randomBytes(24).toString("hex");
  // Not pinned: the pipeline is round trips between this process and PostgreSQL, which share the two cores.
  const now = new Date();
  let t0 = performance.now();
  const base = await createDb();
  const program = await seedProgram(base);
  console.log(`program, ${PARTNERS} partners, plans and sponsors in ${seconds(t0).toFixed(1)} s`);

  // 1 + 2: cold
  const cold = await createDb(base);
  t0 = performance.now();
  await addConversions(cold, program, CONVERSIONS, now, 1);
  console.log(`cold: ${CONVERSIONS} conversions seeded in ${seconds(t0).toFixed(1)} s`);
  const first = await compare(cold, "cold", CONVERSIONS);
  await admin.unsafe(`drop database if exists ${cold} with (force)`);

  // 3: on top of history
  const hist = await createDb(base);
  t0 = performance.now();
  await addConversions(hist, program, HISTORY, new Date(now.getTime() - DAYS * DAY_MS), 2);
  console.log(`history: ${HISTORY} conversions seeded in ${seconds(t0).toFixed(1)} s`);
  await runPipeline(hist, "history itself", HISTORY);
  {
    const sql = postgres(urlOf(hist), { max: 1, onnotice: () => {} });
    await sql`vacuum (analyze)`;
    await sql.end({ timeout: 2 });
  }
  await addConversions(hist, program, CONVERSIONS, now, 3);
  const second = await compare(hist, "with history", CONVERSIONS);

  const same = first.same && second.same;
  const single = Math.min(first.single, second.single);
  console.log(`\nTouchpoint pipeline benchmark (unpinned, PostgreSQL 127.0.0.1:5432, batches of ${CONVERSION_BATCH.size})`);
  console.log(`cold queue: ${Math.round(first.rate)} conversions/s (target >= 300)  ${verdict(first.rate >= 300)}`);
  console.log(`on ${HISTORY} earlier conversions: ${Math.round(second.rate)} conversions/s (target >= 300 and >= 0.8 x cold: ${(second.rate / first.rate).toFixed(2)})  ${verdict(second.rate >= 300 && second.rate >= 0.8 * first.rate)}`);
  console.log(`one by one (first ${ONE_BY_ONE} of each run): ${Math.round(first.single)} and ${Math.round(second.single)} conversions/s`);
  console.log(`pipeline: ${Math.round(first.rate)} conversions/s, ${Math.round(second.rate)} conversions/s with ${HISTORY >= 1000 ? `${Math.round(HISTORY / 1000)}k` : HISTORY} history, one-by-one ${Math.round(single)} conversions/s, same ledger: ${same ? "yes" : "no"}`);
}

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch(async (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    await cleanup();
    process.exit(1);
  });
