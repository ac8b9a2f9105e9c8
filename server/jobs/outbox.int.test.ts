import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { newId } from "@/db/ids";
import { commissions, outboxEvents } from "@/db/schema";
import { recordPostback } from "@/server/conversions/record-postback";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { noteRequest, requestRate } from "@/server/http/traffic";
import { eventType } from "inngest";
import { localRunSettled } from "@/server/outbox/dispatch";
import { defineJob } from "./define-job";
import { jobsByEvent } from "./functions";
import { backoffMs, BUSY_RPS, drainOutbox, kickLocalRunner, LEASE, MAX_ATTEMPTS } from "./outbox";

const HOUR = 3_600_000;

describe("backoffMs", () => {
  it("doubles per attempt, between half and all of the base", () => {
    expect(backoffMs(1, () => 0)).toBe(1_000);
    expect(backoffMs(1, () => 1)).toBe(2_000);
    expect(backoffMs(2, () => 1)).toBe(4_000);
    expect(backoffMs(3, () => 0.5)).toBe(6_000);
    for (let a = 1; a < 12; a++) expect(backoffMs(a + 1, () => 1)).toBeGreaterThan(backoffMs(a, () => 1));
  });

  it("caps at one hour", () => {
    expect(backoffMs(12, () => 1)).toBe(HOUR);
    expect(backoffMs(40, () => 1)).toBe(HOUR);
    expect(backoffMs(40, () => 0)).toBe(HOUR / 2);
    for (let a = 0; a < 60; a++) expect(backoffMs(a)).toBeLessThanOrEqual(HOUR);
  });
});

describe.each(await drivers())("outbox runner on %s", (driver) => {
  let t: TestDb;
  let token: string;
  let code: string;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    let offerId: string;
    ({ token, offerId } = await makeProgram(t.db));
    const p = await makePartner(t.db, admin);
    code = await linkCode(t.db, p.partnerId, offerId);
    vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t.close();
  });

  async function broken(overrides: Partial<typeof outboxEvents.$inferInsert> = {}) {
    const id = newId("outboxEvent");
    await t.db.insert(outboxEvents).values({ id, name: "conversion/recorded", data: { conversionId: "cnv_missing" }, ...overrides });
    return id;
  }
  const load = async (id: string) => {
    const [row] = await t.db.select().from(outboxEvents).where(eq(outboxEvents.id, id));
    if (!row) throw new Error(`outbox event ${id} missing`);
    return row;
  };
  const makeDue = (id: string) => t.db.update(outboxEvents).set({ availableAt: new Date(Date.now() - 1000) }).where(eq(outboxEvents.id, id));

  async function recorded() {
    const r = await recordPostback(t.db, { token, click_id: await click(t.db, code), event: "ftd", txn_id: `outbox-${seq++}` });
    if (!r.ok || r.status !== "accepted") throw new Error("postback refused");
    return r;
  }

  it("gives way to a burst of requests, then catches up", async () => {
    // The drain that setting up started (the new partner's mails) claims every due event until none is left: it
    // must end first, or it could claim this conversion's event before the burst below begins, leaving nothing
    // for the drain under test to hold back.
    await localRunSettled();
    const r = await recorded();
    // 600 requests a second through the HTTP server's counter. The next second's requests are noted up front, so
    // the burst holds for 1.9 s even if this loaded process runs no timer meanwhile (a late interval timer once let
    // the rate read as idle mid-burst); the interval keeps it going after that until the burst is called off.
    const start = Date.now();
    for (let ms = 0; ms < 1_000; ms += 100) for (let i = 0; i < BUSY_RPS + 10; i++) noteRequest(start + ms);
    const burst = setInterval(() => {
      for (let i = 0; i < BUSY_RPS + 10; i++) noteRequest();
    }, 100);
    try {
      expect(requestRate()).toBeGreaterThan(BUSY_RPS);
      const drained = drainOutbox(t.db);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await load(r.outboxId)).processedAt).toBeNull();
      clearInterval(burst);
      expect(await drained).toBeGreaterThanOrEqual(1);
      const row = await load(r.outboxId);
      // not before the burst was over: the requests noted up front keep the rate up until at least `start` + 1.8 s
      expect(row.processedAt!.getTime()).toBeGreaterThanOrEqual(start + 1_800);
    } finally {
      clearInterval(burst);
    }
  });

  it("records a failed attempt and retries it later, not now", async () => {
    const id = await broken();
    const started = Date.now();
    expect(await drainOutbox(t.db)).toBe(0);
    const row = await load(id);
    expect(row).toMatchObject({ attempts: 1, processedAt: null, failedAt: null, lockedUntil: null });
    expect(row.lastError).toContain("conversion cnv_missing not found");
    expect(row.availableAt.getTime()).toBeGreaterThanOrEqual(started + 1_000 - 50);
    expect(row.availableAt.getTime()).toBeLessThanOrEqual(Date.now() + 2_000 + 50);
    // not due yet: a second drain leaves it alone
    expect(await drainOutbox(t.db)).toBe(0);
    expect((await load(id)).attempts).toBe(1);
    await t.db.update(outboxEvents).set({ failedAt: new Date() }).where(eq(outboxEvents.id, id));
  });

  it("gives up after MAX_ATTEMPTS, and never picks the event up again", async () => {
    const id = await broken();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await makeDue(id);
      const before = Date.now();
      await drainOutbox(t.db);
      const after = Date.now();
      const row = await load(id);
      expect(row.attempts).toBe(attempt);
      expect(row.failedAt === null).toBe(attempt < MAX_ATTEMPTS);
      // retried after backoffMs(attempt): between half and all of 2^attempt seconds, capped at an hour
      expect(row.availableAt.getTime() - before).toBeGreaterThanOrEqual(backoffMs(attempt, () => 0) - 5);
      expect(row.availableAt.getTime() - after).toBeLessThanOrEqual(backoffMs(attempt, () => 1) + 5);
    }
    await makeDue(id);
    await drainOutbox(t.db);
    const row = await load(id);
    expect(row).toMatchObject({ attempts: MAX_ATTEMPTS, processedAt: null });
    expect(row.failedAt).toBeInstanceOf(Date);
  });

  it("processes a good event once and marks it processed", async () => {
    const r = await recorded();
    expect(await drainOutbox(t.db)).toBe(1);
    const row = await load(r.outboxId);
    expect(row).toMatchObject({ attempts: 1, lockedUntil: null, lastError: null, failedAt: null });
    expect(row.processedAt).toBeInstanceOf(Date);
    expect(await drainOutbox(t.db)).toBe(0);
    expect(await t.db.$count(commissions, eq(commissions.conversionId, r.conversionId))).toBe(1);
  });

  it("picks up an event whose run crashed once its lock has expired, but not while it is held", async () => {
    const held = await recorded();
    const crashed = await recorded();
    await t.db.update(outboxEvents).set({ attempts: 1, lockedUntil: new Date(Date.now() + 60_000) }).where(eq(outboxEvents.id, held.outboxId));
    await t.db.update(outboxEvents).set({ attempts: 1, lockedUntil: new Date(Date.now() - 1_000) }).where(eq(outboxEvents.id, crashed.outboxId));

    expect(await drainOutbox(t.db)).toBe(1);
    const done = await load(crashed.outboxId);
    expect(done.processedAt).toBeInstanceOf(Date);
    expect(done).toMatchObject({ attempts: 2, lockedUntil: null });
    expect(await t.db.$count(commissions, eq(commissions.conversionId, crashed.conversionId))).toBe(1);

    const stillHeld = await load(held.outboxId);
    expect(stillHeld).toMatchObject({ attempts: 1, processedAt: null });
    expect(await t.db.$count(commissions, eq(commissions.conversionId, held.conversionId))).toBe(0);
  });

  it("claims an event for a short lease and renews it while the run lasts: a run longer than the lease is not taken twice", async () => {
    await drainOutbox(t.db); // nothing else due
    const saved = { ...LEASE };
    Object.assign(LEASE, { seconds: 1, renewMs: 200 });
    let runs = 0;
    let leaseAtStart: Date | null = null;
    const id = newId("outboxEvent");
    jobsByEvent["test/slow"] = defineJob({
      id: "test-slow",
      event: eventType("test/slow"),
      run: async () => {
        runs++;
        leaseAtStart = (await load(id)).lockedUntil;
        await new Promise((r) => setTimeout(r, 2_500));
      },
    });
    try {
      await t.db.insert(outboxEvents).values({ id, name: "test/slow", data: {} });
      const claimedAt = Date.now();
      const first = drainOutbox(t.db, 1, 1);
      // a killed process stops renewing: its claim ends LEASE.seconds after the last renewal, not minutes later
      await new Promise((r) => setTimeout(r, 300));
      expect(leaseAtStart).toBeInstanceOf(Date);
      expect((leaseAtStart as unknown as Date).getTime()).toBeLessThan(claimedAt + 1_000 + 1_500);
      // well past the first lease: still renewed, so another runner does not take it
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await drainOutbox(t.db, 1, 1)).toBe(0);
      expect(await first).toBe(1);
      expect(runs).toBe(1);
      const row = await load(id);
      expect(row).toMatchObject({ attempts: 1, lockedUntil: null });
      expect(row.processedAt).toBeInstanceOf(Date);
    } finally {
      Object.assign(LEASE, saved);
      delete jobsByEvent["test/slow"];
    }
  });

  it("returns from a drain only once the in-process runner's drain has run the events it held", async () => {
    await drainOutbox(t.db); // nothing else due
    const id = newId("outboxEvent");
    let finished = false;
    jobsByEvent["test/held"] = defineJob({
      id: "test-held",
      event: eventType("test/held"),
      run: async () => {
        await new Promise((r) => setTimeout(r, 1_000));
        finished = true;
      },
    });
    try {
      await t.db.insert(outboxEvents).values({ id, name: "test/held", data: {} });
      const background = kickLocalRunner(t.db);
      // the runner's drain has claimed the event, so this call finds nothing to claim, yet waits for it
      for (let i = 0; i < 50 && (await load(id)).lockedUntil === null; i++) await new Promise((r) => setTimeout(r, 20));
      expect((await load(id)).lockedUntil).toBeInstanceOf(Date);
      expect(await drainOutbox(t.db)).toBe(0);
      expect(finished).toBe(true);
      expect((await load(id)).processedAt).toBeInstanceOf(Date);
      await background;
    } finally {
      delete jobsByEvent["test/held"];
    }
  });

  it("drains a database kicked while a drain of another is under way before the kick's promise resolves", async () => {
    const other = await createTestDb(driver);
    jobsByEvent["test/held"] = defineJob({ id: "test-held", event: eventType("test/held"), run: () => new Promise((r) => setTimeout(r, 500)) });
    try {
      await drainOutbox(t.db); // nothing else due
      const held = newId("outboxEvent");
      await t.db.insert(outboxEvents).values({ id: held, name: "test/held", data: {} });
      const first = kickLocalRunner(t.db);
      const id = newId("outboxEvent");
      await other.db.insert(outboxEvents).values({ id, name: "test/held", data: {} });
      // joined while the first database's drain runs: it resolves once the other database has been drained too
      await kickLocalRunner(other.db);
      const [row] = await other.db.select().from(outboxEvents).where(eq(outboxEvents.id, id));
      expect(row?.processedAt).toBeInstanceOf(Date);
      await first;
      expect((await load(held)).processedAt).toBeInstanceOf(Date);
    } finally {
      delete jobsByEvent["test/held"];
      await other.close();
    }
  });

  it("lets concurrent runners share the work without processing an event twice", async () => {
    const events = await Promise.all(Array.from({ length: 6 }, () => recorded()));
    const done = await Promise.all([drainOutbox(t.db), drainOutbox(t.db), drainOutbox(t.db)]);
    expect(done.reduce((a, b) => a + b, 0)).toBe(events.length);
    for (const e of events) expect((await load(e.outboxId)).attempts).toBe(1);
  });
});
