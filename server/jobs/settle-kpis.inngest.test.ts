import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissions, conversions, kpiSettlements, ledgerEntries } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { kpiProgress } from "@/server/commissions/kpi-progress";
import type { PlanTerms } from "@/server/commissions/plans/types";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, partnerOnPlan } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { settleKpis, settleKpisSteps } from "./functions/settle-kpis";

const DAY_MS = 86_400_000;

// "CPA 150 if at least 60% of FTDs deposit again within 30 days, the average first deposit is at least 50 and at
// most 30% are refunded": the CPA is withheld per FTD, and the month settles once its window has closed.
const KPI_DEAL: PlanTerms = {
  currency: "USD",
  components: {
    cpa: { event: "ftd", amount: 15_000n },
    kpi: {
      effect: "cpa",
      rules: [
        { metric: "repeat_deposit_rate", minBp: 6000, withinDays: 30 },
        { metric: "avg_first_deposit", minAmount: 5_000n },
        { metric: "refund_rate", maxBp: 3000 },
      ],
    },
  },
};

describe.each(await drivers())("settleKpis (Inngest) on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let deal: Awaited<ReturnType<typeof partnerOnPlan>>;
  let weak: { partnerId: string; code: string };
  let seq = 0;
  // two months back, so the month and its 30-day window have closed by now
  const now = new Date();
  const day = (d: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, d, 12));
  const period = day(1).toISOString().slice(0, 7);

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    deal = await partnerOnPlan(t.db, admin, KPI_DEAL);
    const p = await makePartner(t.db, admin);
    weak = { partnerId: p.partnerId, code: await linkCode(t.db, p.partnerId, deal.offerId) };
  });
  afterAll(() => t.close());

  async function report(code: string, at: Date, params: Record<string, string>) {
    const clickId = await click(t.db, code, new Date(at.getTime() - 3_600_000));
    const r = await recordPostback(t.db, { token: deal.token, click_id: clickId, txn_id: `kpi-${seq++}`, occurred_at: at.toISOString(), ...params });
    if (!r.ok || r.status !== "accepted") throw new Error(`postback refused: ${JSON.stringify(r)}`);
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    return r.conversionId;
  }

  it("withholds the CPA per FTD and says why", async () => {
    // the deal's partner: 3 kept FTDs (80, 60, 40: average 60.00), 2 of their customers deposit again within 30 days, a 4th FTD refunded
    const first = await report(deal.code, day(3), { event: "ftd", customer_id: "c1", amount: "80.00" });
    await report(deal.code, day(4), { event: "ftd", customer_id: "c2", amount: "60.00" });
    await report(deal.code, day(5), { event: "ftd", customer_id: "c3", amount: "40.00" });
    await report(deal.code, new Date(day(3).getTime() + 10 * DAY_MS), { event: "deposit", customer_id: "c1", amount: "20.00" });
    await report(deal.code, new Date(day(4).getTime() + 29 * DAY_MS), { event: "deposit", customer_id: "c2", amount: "20.00" });
    // c3 deposits again, but after 40 days: too late to count
    await report(deal.code, new Date(day(5).getTime() + 40 * DAY_MS), { event: "deposit", customer_id: "c3", amount: "20.00" });
    const refundedTxn = `kpi-${seq}`;
    await report(deal.code, day(6), { event: "ftd", customer_id: "c4", amount: "100.00" });
    const r = await recordPostback(t.db, { token: deal.token, click_id: await click(t.db, deal.code), event: "refund", txn_id: refundedTxn, occurred_at: day(7).toISOString() });
    if (!r.ok) throw new Error("refund refused");
    // the weak partner: 2 FTDs averaging 35.00
    await report(weak.code, day(8), { event: "ftd", customer_id: "w1", amount: "30.00" });
    await report(weak.code, day(9), { event: "ftd", customer_id: "w2", amount: "40.00" });

    expect(await t.db.$count(commissions, eq(commissions.partnerId, deal.partnerId))).toBe(0);
    const [c] = await t.db.select({ note: conversions.commissionNote }).from(conversions).where(eq(conversions.id, first));
    expect(c?.note).toBe("CPA 150.00 USD depends on the month's KPI: paid per qualified FTD when the month settles");
  });

  it("settles the closed month once, with the measured values in the ledger line; a missed KPI pays nothing", async () => {
    const run = () => new InngestTestEngine({ function: settleKpis.function }).execute({ events: [{ name: "inngest/scheduled.timer", data: {} }] });
    const first = await run();
    expect(first.error).toBeUndefined();
    expect(first.result).toEqual({ settled: 2, paid: 1 });

    const [entry] = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.partnerId, deal.partnerId));
    expect(entry).toMatchObject({ type: "accrual", bucket: "pending", amount: 45_000, currency: "USD", source: "settlement" });
    expect(entry!.reason).toContain(`, ${period}: KPI met: repeat-deposit rate 66.66% (2 of 3 deposited again within 30 days), at least 60% required (met); average first deposit 60.00 USD, at least 50.00 USD required (met); refund rate 25% (1 of 4 FTDs), at most 30% allowed (met). CPA 150.00 USD × 3 qualified FTDs = 450.00 USD`);
    const [paid] = await t.db.select().from(commissions).where(eq(commissions.partnerId, deal.partnerId));
    expect(paid).toMatchObject({ kind: "kpi", amount: 45_000 });

    const [missed] = await t.db.select().from(kpiSettlements).where(eq(kpiSettlements.partnerId, weak.partnerId));
    expect(missed).toMatchObject({ period, passed: false, amount: 0 });
    expect(missed!.summary).toContain("average first deposit 35.00 USD, at least 50.00 USD required (missed)");
    expect(await t.db.$count(ledgerEntries, eq(ledgerEntries.partnerId, weak.partnerId))).toBe(0);

    expect((await run()).result).toEqual({ settled: 0, paid: 0 });
    expect(await t.db.$count(kpiSettlements)).toBe(2);
    await expectLedgerInvariants(t.db);
  });

  it("a month whose repeat-deposit window is still open is not settled; the partner sees its progress", async () => {
    // last month closes 30 days after its end: not on the 1st of this month
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 2, 12));
    await report(deal.code, lastMonth, { event: "ftd", customer_id: "n1", amount: "70.00" });
    const early = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 1));
    expect(await settleKpisSteps(t.db, immediateSteps, early)).toEqual({ settled: 0, paid: 0 });
    const progress = await kpiProgress(t.db, deal.partnerId, lastMonth);
    expect(progress.current).toHaveLength(1);
    expect(progress.current[0]).toMatchObject({ period: lastMonth.toISOString().slice(0, 7), atStake: "150.00 USD", measure: { ftds: 1, qualified: 1 } });
    expect(progress.current[0]!.checks.map((c) => c.ok)).toEqual([false, true, true]);
    expect(progress.settled.map((s) => s.period)).toEqual([period]);
    expect(await t.db.$count(kpiSettlements, eq(kpiSettlements.partnerId, deal.partnerId))).toBe(1);
  });
});
