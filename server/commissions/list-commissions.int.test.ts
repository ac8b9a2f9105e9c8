import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listCommissions } from "@/server/commissions/list-commissions";
import { recordPostback } from "@/server/conversions/record-postback";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { accruedCommission, click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";

const DAY = 86_400_000;

/** The queue shows each commission's conversion time: "Newest first", "Oldest first" and the age filter go by it,
 * not by the order the commissions were accrued in. */
describe.each(await drivers())("the commission list's dates on %s", (driver) => {
  let t: TestDb;
  let offerId: string;
  const ids: Record<"late" | "recent" | "middle", string> = { late: "", recent: "", middle: "" };
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    let token: string;
    ({ token, offerId } = await makeProgram(t.db, { attributionWindowDays: 60 }));
    const { partnerId } = await makePartner(t.db, admin);
    const code = await linkCode(t.db, partnerId, offerId);
    // accrued in this order, but happened 1, 20 and 8 days ago: a late report of an old deposit comes second
    const plan: [keyof typeof ids, number][] = [["recent", 1], ["late", 20], ["middle", 8]];
    for (const [name, daysAgo] of plan) {
      const occurredAt = new Date(Date.now() - daysAgo * DAY);
      const clickId = await click(t.db, code, new Date(occurredAt.getTime() - 3_600_000));
      const r = await recordPostback(t.db, { token, click_id: clickId, event: "ftd", txn_id: `dates-${name}`, occurred_at: occurredAt.toISOString() });
      if (!r.ok || r.status !== "accepted") throw new Error(`postback refused: ${JSON.stringify(r)}`);
      ids[name] = await accruedCommission(t.db, r);
    }
  });
  afterAll(() => t.close());
  afterEach(() => expectLedgerInvariants(t.db));

  const list = async (f: Partial<Parameters<typeof listCommissions>[1]> = {}) => (await listCommissions(t.db, { offerId, limit: 50, offset: 0, ...f })).items;

  it("each row's date is its conversion's time", async () => {
    const rows = await list();
    for (const r of rows) expect(Date.now() - r.occurredAt.getTime()).toBeGreaterThan(DAY / 2);
  });

  it("sorts newest and oldest first by that date", async () => {
    expect((await list({ sort: "newest" })).map((r) => r.id)).toEqual([ids.recent, ids.middle, ids.late]);
    expect((await list()).map((r) => r.id)).toEqual([ids.recent, ids.middle, ids.late]);
    expect((await list({ sort: "oldest" })).map((r) => r.id)).toEqual([ids.late, ids.middle, ids.recent]);
  });

  it("keeps the date order among equal amounts and across pages", async () => {
    expect((await list({ sort: "amount" })).map((r) => r.id)).toEqual([ids.recent, ids.middle, ids.late]);
    const first = await list({ sort: "oldest", limit: 2 });
    const second = await list({ sort: "oldest", limit: 2, offset: 2 });
    expect([...first, ...second].map((r) => r.id)).toEqual([ids.late, ids.middle, ids.recent]);
  });

  it("filters by age on that date", async () => {
    expect((await list({ minAgeDays: 5 })).map((r) => r.id)).toEqual([ids.middle, ids.late]);
    expect((await list({ minAgeDays: 10 })).map((r) => r.id)).toEqual([ids.late]);
    expect(await list({ minAgeDays: 30 })).toEqual([]);
  });
});
