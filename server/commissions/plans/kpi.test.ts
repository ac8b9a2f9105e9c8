import { describe, expect, it } from "vitest";
import { computeEventCommission } from "./compute";
import { describeKpi, judgeKpi, kpiClosesAt, measureKpi, type KpiFtd } from "./kpi";
import { planTermsSchema } from "./schemas";
import type { PlanTerms } from "./types";

const ftd = (amount: number, o: Partial<KpiFtd> = {}): KpiFtd => ({ amount: BigInt(amount), currency: "USD", refunded: false, depositedAgain: false, ...o });

const bonusDeal: PlanTerms = { currency: "USD", components: { revshare: { events: ["deposit"], rateBp: 2000 }, kpi: { effect: "bonus", bonusAmount: 100_000n, rules: [{ metric: "qualified_ftd_count", min: 3 }] } } };

describe("KPI rules", () => {
  it("measure rates by floor, averages in the plan's currency, and leave refunded FTDs out of the qualified ones", () => {
    const m = measureKpi([ftd(8_000, { depositedAgain: true }), ftd(6_000, { depositedAgain: true }), ftd(4_000), ftd(9_900, { refunded: true }), ftd(1_000_000, { currency: "EUR" })], "USD");
    expect(m).toEqual({ ftds: 5, qualified: 4, refunded: 1, repeaters: 2, repeatRateBp: 5000, avgFirstDeposit: 6_000n, medianFirstDeposit: 6_000n, refundRateBp: 2000, ngrPerPlayer: 0n, lotsPerTrader: 0n });
    expect(measureKpi([ftd(1, { depositedAgain: true }), ftd(1, { depositedAgain: true }), ftd(1)], "USD").repeatRateBp).toBe(6666);
    expect(measureKpi([], "USD")).toMatchObject({ repeatRateBp: null, avgFirstDeposit: null, medianFirstDeposit: null, refundRateBp: null, ngrPerPlayer: null, lotsPerTrader: null });
  });

  it("measure the median first deposit: the middle one, or the middle two's mean rounded down; refunded FTDs and other currencies left out", () => {
    expect(measureKpi([ftd(9_000), ftd(1_000), ftd(5_000), ftd(100_000, { refunded: true })], "USD").medianFirstDeposit).toBe(5_000n);
    expect(measureKpi([ftd(1_001), ftd(2_000), ftd(50_000), ftd(3), ftd(7, { currency: "EUR" })], "USD").medianFirstDeposit).toBe(1_500n);
    // one big whale moves the average, not the median
    const whale = measureKpi([ftd(2_000), ftd(2_500), ftd(1_000_000)], "USD");
    expect([whale.avgFirstDeposit, whale.medianFirstDeposit]).toEqual([334_833n, 2_500n]);
  });

  it("measure NGR per player over the qualified FTDs in the plan's currency, rounded down, negative months included", () => {
    expect(measureKpi([ftd(1, { ngr: 10_000n }), ftd(1, { ngr: 5_001n }), ftd(1, { ngr: 99_999n, refunded: true }), ftd(1, { ngr: 7n, currency: "EUR" })], "USD").ngrPerPlayer).toBe(7_500n);
    expect(measureKpi([ftd(1, { ngr: -3n }), ftd(1, { ngr: 0n })], "USD").ngrPerPlayer).toBe(-2n);
  });

  it("measure lots per trader in hundredths, over every qualified FTD", () => {
    expect(measureKpi([ftd(1, { lots: 250n }), ftd(1, { lots: 101n }), ftd(1, { lots: 0n }), ftd(1, { lots: 900n, refunded: true })], "USD").lotsPerTrader).toBe(117n);
  });

  it("judge the new metrics and quote what was measured", () => {
    const terms: PlanTerms = {
      currency: "USD",
      components: {
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
    const met = judgeKpi(terms, [ftd(3_000, { ngr: 12_000n, lots: 100n }), ftd(4_000, { ngr: 9_000n, lots: 200n })]);
    expect(met).toMatchObject({ passed: true, amount: 50_000n });
    expect(met.summary).toBe(
      "KPI met: median first deposit 35.00 USD, at least 30.00 USD required (met); NGR per player 105.00 USD, at least 100.00 USD required (met); lots per trader 1.50, at least 1.50 required (met). Bonus 500.00 USD",
    );
    const missed = judgeKpi(terms, [ftd(3_000, { ngr: 12_000n, lots: 100n }), ftd(2_000, { ngr: 7_000n, lots: 199n })]);
    expect(missed.passed).toBe(false);
    expect(missed.checks.map((c) => [c.metric, c.ok])).toEqual([["median_first_deposit", false], ["ngr_per_player", false], ["lots_per_trader", false]]);
    expect(judgeKpi(terms, []).summary).toContain("lots per trader none (no qualified FTDs)");
    expect(describeKpi(terms.components.kpi!, terms)).toBe("A bonus of 500.00 USD when the month's KPI is met: median first deposit at least 30.00 USD, NGR per player at least 100.00 USD, at least 1.50 lots per trader");
  });

  it("pay a bonus only when every rule holds, and a month with no FTDs meets no rate", () => {
    expect(judgeKpi(bonusDeal, [ftd(1), ftd(1), ftd(1)])).toMatchObject({ passed: true, amount: 100_000n });
    const missed = judgeKpi(bonusDeal, [ftd(1), ftd(1), ftd(1, { refunded: true })]);
    expect(missed).toMatchObject({ passed: false, amount: 0n });
    expect(missed.summary).toBe("KPI missed: qualified FTDs 2, at least 3 required (missed). No bonus");
    const rate: PlanTerms = { ...bonusDeal, components: { ...bonusDeal.components, kpi: { effect: "bonus", bonusAmount: 1n, rules: [{ metric: "refund_rate", maxBp: 1000 }] } } };
    expect(judgeKpi(rate, []).passed).toBe(false);
  });

  it("withhold the FTD CPA at accrual on a CPA KPI; a bonus KPI leaves the CPA alone", () => {
    const cpaDeal: PlanTerms = { currency: "USD", components: { cpa: { event: "ftd", amount: 15_000n }, kpi: { effect: "cpa", rules: [{ metric: "qualified_ftd_count", min: 1 }] } } };
    const event = { type: "ftd", amount: 5_000n, currency: "USD", occurredAt: new Date() };
    const ctx = { periodVolume: { ftdCount: 1, eventCount: 1, amountSum: 5_000n } };
    expect(computeEventCommission(cpaDeal, event, ctx)).toEqual({ total: 0n, reason: "CPA 150.00 USD depends on the month's KPI: paid per qualified FTD when the month settles" });
    const withBonus: PlanTerms = { currency: "USD", components: { cpa: { event: "ftd", amount: 15_000n }, kpi: { effect: "bonus", bonusAmount: 1n, rules: [{ metric: "qualified_ftd_count", min: 1 }] } } };
    expect(computeEventCommission(withBonus, event, ctx).total).toBe(15_000n);
  });

  it("close a month after its end plus the repeat-deposit window", () => {
    expect(kpiClosesAt({ effect: "bonus", bonusAmount: 1n, rules: [{ metric: "repeat_deposit_rate", minBp: 6000, withinDays: 30 }] }, "2026-11").toISOString()).toBe("2026-12-31T00:00:00.000Z");
    expect(kpiClosesAt({ effect: "bonus", bonusAmount: 1n, rules: [{ metric: "qualified_ftd_count", min: 1 }] }, "2026-12").toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("are refused with a field error when they cannot be paid", () => {
    const issues = (components: unknown) => (planTermsSchema.safeParse({ currency: "USD", components }).error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues({ revshare: { events: ["deposit"], rateBp: 100 }, kpi: { effect: "cpa", rules: [{ metric: "qualified_ftd_count", min: 1 }] } })).toEqual(["components.kpi.effect: A KPI on the CPA needs a CPA on FTDs"]);
    expect(issues({ kpi: { effect: "bonus", rules: [{ metric: "qualified_ftd_count", min: 1 }, { metric: "qualified_ftd_count", min: 2 }] } })).toEqual(["components.kpi.rules.1.metric: This metric already has a rule", "components.kpi.bonusAmount: Enter the bonus paid when the KPI is met"]);
    expect(issues({ kpi: { effect: "bonus", bonusAmount: "100", rules: [{ metric: "repeat_deposit_rate", minBp: 6000, withinDays: 0 }] } })).toEqual(["components.kpi.rules.0.withinDays: Use 1 to 90 days"]);
    expect(issues({ kpi: { effect: "bonus", bonusAmount: "100", rules: [{ metric: "lots_per_trader", minLots: "1.555" }, { metric: "ngr_per_player", minAmount: "ten" }] } })).toEqual([
      "components.kpi.rules.0.minLots: Use a number of lots such as 2.5 (at most 2 decimals)",
      "components.kpi.rules.1.minAmount: Use a whole number of minor units, such as 20000 for 200.00",
    ]);
  });
});
