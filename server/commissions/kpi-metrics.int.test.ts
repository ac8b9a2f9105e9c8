import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissions, kpiSettlements, ledgerEntries } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, makeAdmin, partnerOnPlan } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { kpiProgress } from "./kpi-progress";
import type { PlanTerms } from "./plans/types";
import { settleKpis } from "./settle-kpi";

// A bonus of 500.00 for a month whose qualified FTDs have a median first deposit of at least 30.00, an NGR per
// player of at least 100.00 and at least 1.5 lots per trader.
const DEAL: PlanTerms = {
  currency: "USD",
  components: {
    revshare: { events: ["deposit"], rateBp: 1000 },
    kpi: {
      effect: "bonus",
      bonusAmount: 50_000n,
      rules: [
        { metric: "median_first_deposit", minAmount: 3_000n },
        { metric: "ngr_per_player", minAmount: 10_000n },
        { metric: "lots_per_trader", minLots: "1.5" },
      ],
    },
  },
};

describe.each(await drivers())("KPI metrics from the month's events on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let seq = 0;
  const now = new Date();
  const day = (d: number, back = 2) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, d, 12));
  const period = day(1).toISOString().slice(0, 7);

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
  });
  afterAll(() => t.close());

  async function report(deal: { token: string; code: string }, at: Date, params: Record<string, string>) {
    const clickId = await click(t.db, deal.code, new Date(at.getTime() - 3_600_000));
    const r = await recordPostback(t.db, { token: deal.token, click_id: clickId, txn_id: `m-${seq++}`, occurred_at: at.toISOString(), ...params }, { now: new Date(at.getTime() + 60_000) });
    if (!r.ok || r.status !== "accepted") throw new Error(`postback refused: ${JSON.stringify(r)}`);
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
  }

  it("measures the median first deposit, NGR per player and lots per trader, and quotes them in the settlement", async () => {
    const deal = await partnerOnPlan(t.db, admin, DEAL);
    await report(deal, day(3), { event: "ftd", customer_id: "c1", amount: "30.00" });
    await report(deal, day(4), { event: "ftd", customer_id: "c2", amount: "40.00" });
    // a refunded FTD is no player: its deposit, NGR and lots count for nothing
    await report(deal, day(5), { event: "ftd", customer_id: "c3", amount: "1000.00", txn_id: "ftd-c3" });
    await report(deal, day(6), { event: "refund", customer_id: "c3", txn_id: "ftd-c3" });
    await report(deal, day(7), { event: "ngr", customer_id: "c3", amount: "900.00" });
    await report(deal, day(7), { event: "trade", customer_id: "c3", lots: "50" });
    // NGR in the month: c1 150.00, c2 60.00; c1's NGR of the next month does not count
    await report(deal, day(10), { event: "ngr", customer_id: "c1", amount: "150.00" });
    await report(deal, day(11), { event: "ngr", customer_id: "c2", amount: "60.00" });
    await report(deal, day(2, 1), { event: "ngr", customer_id: "c1", amount: "-500.00" });
    // lots in the month: c1 1.25 + 0.75, c2 1.00: 1.50 per trader
    await report(deal, day(12), { event: "trade", customer_id: "c1", lots: "1.25", instrument: "EURUSD" });
    await report(deal, day(13), { event: "trade", customer_id: "c1", lots: "0.75", instrument: "EURUSD" });
    await report(deal, day(14), { event: "trade", customer_id: "c2", lots: "1", instrument: "EURUSD" });

    const settled = await settleKpis(t.db, deal.programId, period, now);
    expect(settled).toMatchObject([{ partnerId: deal.partnerId, passed: true, amount: 50_000n }]);
    const [row] = await t.db.select().from(kpiSettlements).where(eq(kpiSettlements.partnerId, deal.partnerId));
    expect(row?.measured).toMatchObject({ ftds: 3, qualified: 2, refunded: 1, medianFirstDeposit: "3500", ngrPerPlayer: "10500", lotsPerTrader: "150" });
    const [commission] = await t.db.select().from(commissions).where(eq(commissions.kpiSettlementId, row!.id));
    const [entry] = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.commissionId, commission!.id));
    expect(entry?.reason).toContain("median first deposit 35.00 USD, at least 30.00 USD required (met); NGR per player 105.00 USD, at least 100.00 USD required (met); lots per trader 1.50, at least 1.50 required (met). Bonus 500.00 USD");
    await expectLedgerInvariants(t.db);
  });

  it("misses the month when a figure falls short, and shows the partner the figures so far", async () => {
    const deal = await partnerOnPlan(t.db, admin, DEAL);
    await report(deal, day(3), { event: "ftd", customer_id: "d1", amount: "30.00" });
    await report(deal, day(4), { event: "ngr", customer_id: "d1", amount: "99.99" });
    await report(deal, day(5), { event: "trade", customer_id: "d1", lots: "3", instrument: "EURUSD" });
    const [missed] = await settleKpis(t.db, deal.programId, period, now);
    expect(missed).toMatchObject({ passed: false, amount: 0n });
    const [row] = await t.db.select({ summary: kpiSettlements.summary }).from(kpiSettlements).where(eq(kpiSettlements.partnerId, deal.partnerId));
    expect(row?.summary).toContain("NGR per player 99.99 USD, at least 100.00 USD required (missed)");

    // this month so far: one FTD with its NGR and lots
    // inside this month even in its first hours
    const early = Math.max(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) + 60_000, now.getTime() - 3 * 3_600_000);
    await report(deal, new Date(early), { event: "ftd", customer_id: "d2", amount: "45.00" });
    await report(deal, new Date(early + 60_000), { event: "trade", customer_id: "d2", lots: "0.5", instrument: "EURUSD" });
    const progress = await kpiProgress(t.db, deal.partnerId, now);
    // (the partner also promotes the first test's program: an empty month there)
    const current = progress.current.find((c) => c.period === now.toISOString().slice(0, 7) && c.measure.ftds > 0);
    expect(current?.measure).toMatchObject({ qualified: 1, medianFirstDeposit: "45.00 USD", ngrPerPlayer: "0.00 USD", lotsPerTrader: "0.50" });
    expect(current?.checks.map((c) => c.ok)).toEqual([true, false, false]);
  });
});
