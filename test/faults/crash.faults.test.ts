import { and, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { clicks, conversions, outboxEvents } from "@/db/schema";
import { clickIdOf, createDatabase, freePort, hit, load, postbackUrl, requireBuild, server, sleep, type Fixture, type Server } from "./harness";

/**
 * (a) The server is killed with SIGKILL twice under a bounded load of clicks and postbacks, and restarted on
 * the same database each time. Whatever it answered must hold: every click id handed out in a 302 is in
 * `clicks`, every postback answered 2xx has its conversion, and the outbox drains after the last restart.
 */
const CLIENTS = { clicks: 4, postbacks: 4 };
const PAUSE_MS = 20;
const PHASE_MS = 2_500;
const DRAIN_LIMIT_MS = 45_000;

let fx: Fixture;
let app: Server;

beforeAll(async () => {
  requireBuild();
  fx = await createDatabase("crash");
  app = server({ port: await freePort(), databaseUrl: fx.url, label: "crash" });
});

afterAll(async () => {
  await app?.kill("SIGKILL");
  await fx?.drop();
});

it("keeps every answered click and postback across two SIGKILLs, and drains the outbox after restart", async () => {
  const boot = [await app.start()];
  const answeredClicks = new Set<string>();
  const pool: string[] = [];
  const accepted = new Map<string, string>(); // txn id -> conversion id, answered 2xx
  const counts = { clicks: 0, postbacks: 0, refused: 0, unexpected: [] as string[] };
  let txn = 0;
  let stopped = false;
  let quiet = false;

  const clickStep = async () => {
    if (quiet) return sleep(50);
    const a = await hit(`${app.base}/r/${fx.code}`, 30_000);
    counts.clicks++;
    if (a.status === 0) return void counts.refused++;
    if (a.status !== 302) return void counts.unexpected.push(`click ${a.status} ${a.body.slice(0, 200)}`);
    const id = clickIdOf(a.location);
    if (!id) return void counts.unexpected.push(`click 302 without a click id: ${a.location}`);
    answeredClicks.add(id);
    pool.push(id);
  };
  const postbackStep = async () => {
    const clickId = pool[Math.floor(Math.random() * pool.length)];
    if (!clickId || quiet) return sleep(50);
    const txnId = `crash-${txn++}`;
    const a = await hit(postbackUrl(app.base, fx.token, clickId, txnId), 30_000);
    counts.postbacks++;
    if (a.status === 0) return void counts.refused++;
    if (a.status < 200 || a.status > 299) return void counts.unexpected.push(`postback ${a.status} ${a.body.slice(0, 200)}`);
    const body = JSON.parse(a.body) as { status: string; conversion_id: string };
    accepted.set(txnId, body.conversion_id);
  };

  const began = Date.now();
  const running = Promise.all([
    load(CLIENTS.clicks, PAUSE_MS, clickStep, () => stopped),
    load(CLIENTS.postbacks, PAUSE_MS, postbackStep, () => stopped),
  ]);
  const kills: number[] = [];
  let claimedAtKill = 0;
  try {
    // First kill: in the middle of the load (the outbox runner gives way to traffic, so requests are in flight).
    await sleep(PHASE_MS);
    kills.push(Date.now() - began);
    await app.kill("SIGKILL");
    await sleep(300);
    boot.push(await app.start());
    // Second kill: the load pauses, the runner starts on the backlog, and the process dies with events claimed.
    await sleep(PHASE_MS);
    quiet = true;
    const processed = () => fx.direct.db.$count(outboxEvents, isNotNull(outboxEvents.processedAt));
    const before = await processed();
    const waitDrain = Date.now() + 10_000;
    while ((await processed()) < before + 20 && Date.now() < waitDrain) await sleep(20);
    claimedAtKill = await fx.direct.db.$count(outboxEvents, and(isNull(outboxEvents.processedAt), isNotNull(outboxEvents.lockedUntil)));
    kills.push(Date.now() - began);
    await app.kill("SIGKILL");
    quiet = false;
    await sleep(300);
    boot.push(await app.start());
    await sleep(PHASE_MS);
  } finally {
    stopped = true;
    await running;
  }
  const loadMs = Date.now() - began;

  // every click id that reached a visitor is stored
  const ids = [...answeredClicks];
  const storedClicks = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await fx.direct.db.select({ id: clicks.id }).from(clicks).where(inArray(clicks.id, ids.slice(i, i + 1000)));
    for (const r of rows) storedClicks.add(r.id);
  }
  const lostClicks = ids.filter((id) => !storedClicks.has(id));

  // every postback answered 2xx is stored, as the conversion it was told
  const txns = [...accepted.keys()];
  const stored = new Map<string, string>();
  for (let i = 0; i < txns.length; i += 1000) {
    const rows = await fx.direct.db.select({ id: conversions.id, txnId: conversions.txnId }).from(conversions).where(inArray(conversions.txnId, txns.slice(i, i + 1000)));
    for (const r of rows) stored.set(r.txnId, r.id);
  }
  const lostConversions = txns.filter((t) => stored.get(t) !== accepted.get(t));

  // the outbox drains after the last restart: nothing pending, nothing given up on
  const drainBegan = Date.now();
  let pending = -1;
  while (Date.now() - drainBegan < DRAIN_LIMIT_MS) {
    pending = await fx.direct.db.$count(outboxEvents, and(isNull(outboxEvents.processedAt), isNull(outboxEvents.failedAt)));
    if (pending === 0) break;
    await sleep(250);
  }
  const drainMs = Date.now() - drainBegan;
  const failed = await fx.direct.db.$count(outboxEvents, isNotNull(outboxEvents.failedAt));
  const retried = await fx.direct.db.$count(outboxEvents, sql`${outboxEvents.attempts} > 1`);
  const events = await fx.direct.db.$count(outboxEvents);

  console.log(
    [
      "",
      "fault test (a): two SIGKILLs under load",
      `  load: ${CLIENTS.clicks} click + ${CLIENTS.postbacks} postback clients for ${(loadMs / 1000).toFixed(1)} s; kills at ${kills.map((k) => `${(k / 1000).toFixed(1)} s`).join(", ")}`,
      `  server ready after start: ${boot.map((b) => `${b} ms`).join(", ")}`,
      `  clicks sent ${counts.clicks}, answered 302 with a click id ${answeredClicks.size}, stored of those ${storedClicks.size}, lost ${lostClicks.length}`,
      `  postbacks sent ${counts.postbacks}, answered 2xx ${accepted.size}, stored of those ${txns.length - lostConversions.length}, lost ${lostConversions.length}`,
      `  refused while down: ${counts.refused}; unexpected answers: ${counts.unexpected.length}`,
      `  outbox: ${events} events, ${pending} pending after ${drainMs} ms, ${retried} run more than once, ${failed} failed; ${claimedAtKill} claimed when the second kill came`,
      "",
    ].join("\n"),
  );

  expect(counts.unexpected.slice(0, 10)).toEqual([]);
  expect(answeredClicks.size).toBeGreaterThan(50);
  expect(accepted.size).toBeGreaterThan(50);
  expect(lostClicks).toEqual([]);
  expect(lostConversions).toEqual([]);
  expect(pending).toBe(0);
  expect(failed).toBe(0);
}, 150_000);
