import { describe, expect, it } from "vitest";
import { computeEventCommission } from "./compute";
import { judgeKpi, kpiClosesAt, measureKpi, type KpiFtd } from "./kpi";
import { planTermsSchema } from "./schemas";
import type { PlanTerms } from "./types";

const ftd = (amount: number, o: Partial<KpiFtd> = {}): KpiFtd => ({ amount: BigInt(amount), currency: "USD", refunded: false, depositedAgain: false, ...o });

const bonusDeal: PlanTerms = { currency: "USD", components: { revshare: { events: ["deposit"], rateBp: 2000 }, kpi: { effect: "bonus", bonusAmount: 100_000n, rules: [{ metric: "qualified_ftd_count", min: 3 }] } } };

describe("KPI rules", () => {
  it("measure rates by floor, averages in the plan's currency, and leave refunded FTDs out of the qualified ones", () => {
    const m = measureKpi([ftd(8_000, { depositedAgain: true }), ftd(6_000, { depositedAgain: true }), ftd(4_000), ftd(9_900, { refunded: true }), ftd(1_000_000, { currency: "EUR" })], "USD");
    expect(m).toEqual({ ftds: 5, qualified: 4, refunded: 1, repeaters: 2, repeatRateBp: 5000, avgFirstDeposit: 6_000n, refundRateBp: 2000 });
    expect(measureKpi([ftd(1, { depositedAgain: true }), ftd(1, { depositedAgain: true }), ftd(1)], "USD").repeatRateBp).toBe(6666);
    expect(measureKpi([], "USD")).toMatchObject({ repeatRateBp: null, avgFirstDeposit: null, refundRateBp: null });
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
  });
});
