import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/client";
import { programs } from "@/db/schema";
import { toStoredRules } from "@/server/commissions/plans/stored";
import type { PlanTerms } from "@/server/commissions/plans/types";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { recordClick } from "@/server/tracking/record-click";
import { BROWSER_UA, click, linkCode, makeAdmin, makePartner, makeProgram, visitorIp } from "@/test/factories";
import { simulate } from "./simulate";

// Tiered CPA (100.00 for a month's first two FTDs, 150.00 from the third), 10% of deposits for one month per
// customer; the offer pays its CPA only on a first deposit of at least 20.00.
const TERMS: PlanTerms = {
  currency: "USD",
  components: {
    cpa: { event: "ftd", amount: 10_000n },
    tiers: { metric: "ftd_count", event: "ftd", appliesTo: "cpa", tiers: [{ from: 1, to: 2, amount: 10_000n }, { from: 3, to: null, amount: 15_000n }] },
    revshare: { events: ["deposit"], rateBp: 1000, recurringMonths: 1 },
  },
};

const now = new Date();
const day = (d: number, back = 2) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, d, 12));
// the period starts mid-month: FTDs earlier in the month count towards its tiers
const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 6));
const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));

/** What accrual holds for the period's conversions: live commissions per partner and currency. */
async function paid(db: Db, partnerId: string): Promise<Record<string, number>> {
  const rows = rowsOf<{ currency: string; amount: string }>(
    await db.execute(sql`
      select c.currency, sum(c.amount)::text as amount from commissions c join conversions v on v.id = c.conversion_id
      where c.partner_id = ${partnerId} and c.kind = 'event' and v.occurred_at >= ${from.toISOString()}::timestamptz and v.occurred_at < ${to.toISOString()}::timestamptz
        and (select le.type from ledger_entries le where le.commission_id = c.id order by le.seq desc limit 1) not in ('rejection', 'reversal')
      group by c.currency`),
  );
  return Object.fromEntries(rows.map((r) => [r.currency, Number(r.amount)]));
}

describe.each(await drivers())("the simulator prices as accrual does, on %s", (driver) => {
  let t: TestDb;
  let programId: string;
  let p1: string;
  let p2: string;

  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    const program = await makeProgram(t.db, { terms: TERMS, qualification: toStoredRules({ minDeposit: 2_000n }) });
    programId = program.programId;
    p1 = (await makePartner(t.db, admin)).partnerId;
    p2 = (await makePartner(t.db, admin)).partnerId;
    const codes = new Map([[p1, await linkCode(t.db, p1, program.offerId)], [p2, await linkCode(t.db, p2, program.offerId)]]);
    let seq = 0;
    const report = async (partnerId: string, at: Date, params: Record<string, string>) => {
      const clickId = await click(t.db, codes.get(partnerId)!, new Date(at.getTime() - 3_600_000));
      const r = await recordPostback(t.db, { token: program.token, click_id: clickId, txn_id: `s-${seq++}`, occurred_at: at.toISOString(), ...params }, { now: new Date(at.getTime() + 60_000) });
      if (!r.ok || r.status !== "accepted") throw new Error(`postback refused: ${JSON.stringify(r)}`);
      await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    };
    // before the period: c0 (the month before: its revenue share month ends before the period), c1 and c2 in the
    // period's month (c1 is the month's first commissioned FTD; c2's 10.00 is under the minimum deposit)
    await report(p1, day(2, 3), { event: "ftd", customer_id: "c0", amount: "100.00" });
    await report(p1, day(2), { event: "ftd", customer_id: "c1", amount: "50.00" });
    await report(p1, day(3), { event: "ftd", customer_id: "c2", amount: "10.00" });
    // the period
    await report(p1, day(7), { event: "ftd", customer_id: "c3", amount: "30.00" });
    await report(p1, day(8), { event: "deposit", customer_id: "c0", amount: "100.00" });
    await report(p1, day(9), { event: "deposit", customer_id: "c1", amount: "100.00" });
    await report(p1, day(10), { event: "ftd", customer_id: "c4", amount: "40.00", txn_id: "ftd-c4" });
    await report(p1, day(11), { event: "deposit", customer_id: "c1", amount: "200.00", txn_id: "dep-x" });
    await report(p1, day(12), { event: "refund", customer_id: "c1", amount: "50.00", txn_id: "dep-x" });
    await report(p1, day(13), { event: "refund", customer_id: "c4", txn_id: "ftd-c4" });
    await report(p2, day(14), { event: "ftd", customer_id: "c5", amount: "60.00" });
    await report(p2, day(15), { event: "deposit", customer_id: "c5", amount: "30.00" });
    await report(p2, day(16), { event: "ftd", customer_id: "c6", amount: "15.00" });
    await report(p2, day(17), { event: "ftd", customer_id: "c7", amount: "25.00" });
  }, 180_000);
  afterAll(() => t.close());

  it("gives the program's current model exactly what accrual paid, partner by partner", async () => {
    const [program] = await t.db.select({ model: programs.attributionModel }).from(programs).where(eq(programs.id, programId));
    const result = await simulate(t.db, { programId, from, to, models: [program!.model, { model: "first_click" }] });
    const simulated = (partnerId: string) => result.partners.find((p) => p.partnerId === partnerId)?.byModel[0]?.amounts;
    // p1: c3 100.00 (the month's 2nd commissioned FTD), c4 150.00 (the 3rd) refunded; nothing on c0's deposit (its
    // month is over); 10.00 on c1's first deposit and 15.00 on the 150.00 left of the second
    expect(await paid(t.db, p1)).toEqual({ USD: 10_000 + 1_000 + 1_500 });
    // p2: c5 100.00, its deposit 3.00, c6 under the minimum, c7 100.00
    expect(await paid(t.db, p2)).toEqual({ USD: 10_000 + 300 + 10_000 });
    expect(simulated(p1)).toEqual(await paid(t.db, p1));
    expect(simulated(p2)).toEqual(await paid(t.db, p2));
  });

  it("splits shared conversions as accrual does under a linear model, each partner on their own tier", async () => {
    const admin = await makeAdmin(t.db);
    const program = await makeProgram(t.db, { terms: TERMS });
    await t.db.update(programs).set({ attributionModel: { model: "linear" } }).where(eq(programs.id, program.programId));
    const a = (await makePartner(t.db, admin)).partnerId;
    const b = (await makePartner(t.db, admin)).partnerId;
    const codes = { a: await linkCode(t.db, a, program.offerId), b: await linkCode(t.db, b, program.offerId) };
    let seq = 0;
    // a journey: a click by each partner named, on one visitor, then the conversion on the last click
    const report = async (who: (keyof typeof codes)[], at: Date, params: Record<string, string>) => {
      let visitorId: string | null = null;
      let clickId = "";
      for (const [i, w] of who.entries()) {
        const r = await recordClick(t.db, { code: codes[w], ip: visitorIp(), userAgent: BROWSER_UA, referrer: null, subs: ["s1"], visitorId, now: new Date(at.getTime() - (3 - i) * 3_600_000) });
        if (!r.found || !r.clickId) throw new Error("click not stored");
        visitorId = r.visitorId;
        clickId = r.clickId;
      }
      const r = await recordPostback(t.db, { token: program.token, click_id: clickId, txn_id: `l-${seq++}`, occurred_at: at.toISOString(), ...params }, { now: new Date(at.getTime() + 60_000) });
      if (!r.ok || r.status !== "accepted") throw new Error(`postback refused: ${JSON.stringify(r)}`);
      await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    };
    await report(["a", "b"], day(7), { event: "ftd", customer_id: "l1", amount: "50.00" });
    await report(["a"], day(8), { event: "ftd", customer_id: "l2", amount: "50.00" });
    await report(["a", "b"], day(9), { event: "ftd", customer_id: "l3", amount: "50.00" });
    await report(["b", "a"], day(10), { event: "ftd", customer_id: "l4", amount: "50.00" });
    await report(["a", "b"], day(11), { event: "deposit", customer_id: "l1", amount: "200.00", txn_id: "l-dep" });
    await report(["a", "b"], day(12), { event: "refund", customer_id: "l1", amount: "50.00", txn_id: "l-dep" });

    const result = await simulate(t.db, { programId: program.programId, from, to, models: [{ model: "linear" }, { model: "last_click" }] });
    const simulated = (partnerId: string) => result.partners.find((p) => p.partnerId === partnerId)?.byModel[0]?.amounts;
    // a: half of 100, 100 alone, half of 150 twice (its 3rd and 4th FTDs), half of 15.00; b: half of 100, 100, 150, half of 15.00
    expect(await paid(t.db, a)).toEqual({ USD: 5_000 + 10_000 + 7_500 + 7_500 + 750 });
    expect(await paid(t.db, b)).toEqual({ USD: 5_000 + 5_000 + 7_500 + 750 });
    expect(simulated(a)).toEqual(await paid(t.db, a));
    expect(simulated(b)).toEqual(await paid(t.db, b));
  });
});
