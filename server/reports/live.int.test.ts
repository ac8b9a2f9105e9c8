import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { recordClick } from "@/server/tracking/record-click";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { BROWSER_UA, linkCode, makeAdmin, makePartner, makeProgram, visitorIp } from "@/test/factories";
import { liveSubscriberCount, MAX_LIVE_SUBSCRIBERS, subscribeLive, type LiveNote } from "./live";
import { drainRollups } from "./run-rollups";

async function waitFor(check: () => boolean, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return check();
}

describe.each(await drivers())("the live feed on %s", (driver) => {
  let t: TestDb;
  let code: string;
  const click = async () => {
    const r = await recordClick(t.db, { code, ip: visitorIp(), userAgent: BROWSER_UA, referrer: null, subs: [], now: new Date() });
    if (!r.found) throw new Error("link");
  };

  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    const program = await makeProgram(t.db);
    const { partnerId } = await makePartner(t.db, admin);
    code = await linkCode(t.db, partnerId, program.offerId);
    await drainRollups(t.db);
  });
  afterAll(() => t.close());

  it("tells every subscriber when a rollup pass folds new clicks, and stops telling one that left", async () => {
    const first: LiveNote[] = [];
    const second: LiveNote[] = [];
    const leaveFirst = await subscribeLive(t.listen, (n) => first.push(n));
    const leaveSecond = await subscribeLive(t.listen, (n) => second.push(n));
    expect(leaveFirst && leaveSecond).toBeTruthy();

    // nothing folded, nothing told
    await drainRollups(t.db);
    await new Promise((r) => setTimeout(r, 200));
    expect(first).toEqual([]);

    await click();
    await click();
    await drainRollups(t.db);
    expect(await waitFor(() => first.length > 0 && second.length > 0)).toBe(true);
    expect(first.reduce((n, x) => n + x.clicks, 0)).toBe(2);
    expect(second).toEqual(first);

    await leaveFirst!();
    const before = first.length;
    await click();
    await drainRollups(t.db);
    expect(await waitFor(() => second.length > before)).toBe(true);
    expect(first).toHaveLength(before);
    await leaveSecond!();
    expect(liveSubscriberCount()).toBe(0);
  });

  it.runIf(driver === "postgres")("reaches an instance that did not fold: the note travels through PostgreSQL", async () => {
    // a second app instance on the same database: its own pool and its own LISTEN connection
    const opts = (t.db as unknown as { $client: { options: { host: string[]; port: number[]; database: string; user: string } } }).$client.options;
    const other = await openDb({ url: `postgres://${opts.user}@${opts.host[0]}:${opts.port[0]}/${opts.database}`, dataDir: "unused", max: 2 });
    try {
      const notes: LiveNote[] = [];
      const leave = await subscribeLive(other.listen, (n) => notes.push(n));
      await click();
      await drainRollups(t.db); // folded by the first instance
      expect(await waitFor(() => notes.length > 0)).toBe(true);
      expect(notes[0]?.clicks).toBe(1);
      await leave!();
    } finally {
      await other.close();
    }
  });

  it("refuses a subscriber past the limit instead of growing without bound", async () => {
    const leave: (() => Promise<void>)[] = [];
    for (let i = 0; i < MAX_LIVE_SUBSCRIBERS; i++) {
      const l = await subscribeLive(t.listen, () => {});
      if (l) leave.push(l);
    }
    expect(leave).toHaveLength(MAX_LIVE_SUBSCRIBERS);
    expect(await subscribeLive(t.listen, () => {})).toBeNull();
    for (const l of leave) await l();
    expect(liveSubscriberCount()).toBe(0);
  });
});
