import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clicks } from "@/db/schema";
import { recordClick } from "@/server/tracking/record-click";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { BROWSER_UA, linkCode, makeAdmin, makePartner, makeProgram, visitorIp } from "@/test/factories";
import { runReport } from "./run-report";
import { drainRollups, runRollups } from "./run-rollups";
import { reportQuerySchema } from "./schemas";

/** Two sessions at once: PostgreSQL only (PGlite has one connection). */
const postgresOnly = (await drivers()).filter((d) => d === "postgres");

describe.each(postgresOnly)("the rollup watermark on %s", (driver) => {
  let t: TestDb;
  let other: TestDb;
  let code: string;
  let offerId: string;
  beforeAll(async () => {
    [t, other] = await Promise.all([createTestDb(driver), createTestDb(driver)]);
    const admin = await makeAdmin(t.db);
    const program = await makeProgram(t.db);
    offerId = program.offerId;
    code = await linkCode(t.db, (await makePartner(t.db, admin)).partnerId, program.offerId);
    await drainRollups(t.db);
  });
  afterAll(() => Promise.all([t.close(), other.close()]));

  const click = async () => {
    const r = await recordClick(t.db, { code, ip: visitorIp(), userAgent: BROWSER_UA, referrer: null, subs: [], now: new Date() });
    if (!r.found) throw new Error("link");
  };
  const reported = async () => (await runReport(t.db, reportQuerySchema.parse({ from: "2026-06-01", to: "2027-06-30", filters: { offer: offerId } }), { kind: "admin" })).totals.clicks;
  /** Runs `body` inside a transaction of `db` that has written something, and keeps it open until released. */
  function openTransaction(db: TestDb["db"], body: (tx: Parameters<Parameters<TestDb["db"]["transaction"]>[0]>[0]) => Promise<unknown>) {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let ready!: () => void;
    const started = new Promise<void>((r) => (ready = r));
    const done = db.transaction(async (tx) => {
      await body(tx);
      ready();
      await gate;
    });
    return { started, release: async () => (release(), done) };
  }

  it("is not held back by a transaction in another database of the same server", async () => {
    const before = await reported();
    const long = openTransaction(other.db, (tx) => tx.execute(sql`create table held_open (x int); insert into held_open values (1)`));
    await long.started;
    try {
      await click();
      await drainRollups(t.db, 5_000);
      expect(await reported()).toBe(before + 1);
    } finally {
      await long.release();
    }
  });

  it("is held back by a transaction of its own database that could still write clicks, and folds them all once it ends", async () => {
    const before = await reported();
    const late = openTransaction(t.db, async (tx) => {
      const r = await recordClick(tx as unknown as TestDb["db"], { code, ip: visitorIp(), userAgent: BROWSER_UA, referrer: null, subs: [], now: new Date() });
      if (!r.found) throw new Error("link");
    });
    await late.started;
    await click(); // committed after the open transaction took its id
    const pass = await runRollups(t.db);
    expect(pass.clicks).toBe(0);
    expect(await reported()).toBe(before);
    await late.release();
    await drainRollups(t.db, 5_000);
    expect(await reported()).toBe(before + 2);
    const [n] = await t.db.select({ n: sql<number>`count(*)::int` }).from(clicks);
    expect(n?.n).toBeGreaterThanOrEqual(before + 2);
  });
});
