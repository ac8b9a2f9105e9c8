// The plan editor's draft (components/plans/terms-draft.ts) is pure; it is tested here, where vitest looks.
import { describe, expect, it } from "vitest";
import { parsePlanTerms } from "@/server/commissions/plans/schemas";
import { toStoredTerms } from "@/server/commissions/plans/stored";
import { draftFromStored, emptyDraft, termsFromDraft } from "@/components/plans/terms-draft";

describe("the plan editor's KPI fields", () => {
  it("build the KPI the server stores, and read it back unchanged", () => {
    const d = emptyDraft("USD");
    d.cpa.amount = "150.00";
    d.kpi = { ...d.kpi, on: true, avgDeposit: { on: true, amount: "50.00" }, refund: { on: true, rate: "12.5" } };
    const { terms, errors, preview } = termsFromDraft(d);
    expect(errors).toEqual({});
    expect(terms?.components.kpi).toEqual({
      effect: "cpa",
      bonusAmount: null,
      rules: [
        { metric: "repeat_deposit_rate", minBp: 6000, withinDays: 30 },
        { metric: "avg_first_deposit", minAmount: 5000 },
        { metric: "refund_rate", maxBp: 1250 },
      ],
    });
    expect(preview).toContain("The CPA is paid per qualified FTD when the month's KPI is met: at least 60% of FTDs deposit again within 30 days, average first deposit at least 50.00 USD, refund rate at most 12.5%");
    const stored = toStoredTerms(parsePlanTerms(terms));
    expect(termsFromDraft(draftFromStored(stored)).terms).toEqual(terms);
  });

  it("name the field of each bad value by the rule's place among those switched on", () => {
    const d = emptyDraft("USD");
    d.cpa.amount = "150.00";
    d.kpi = { ...d.kpi, on: true, repeat: { on: false, rate: "", days: "" }, avgDeposit: { on: true, amount: "5.001" }, qualified: { on: true, min: "x" }, effect: "bonus", bonus: "" };
    expect(termsFromDraft(d).errors).toEqual({ "components.kpi.rules.0.minAmount": expect.any(String), "components.kpi.rules.1.min": "Enter a whole number" });
    d.kpi.avgDeposit.amount = "50.00";
    d.kpi.qualified.min = "20";
    expect(termsFromDraft(d).errors).toEqual({ "components.kpi.bonusAmount": "Enter the bonus paid when the KPI is met" });
  });

  it("build the median, NGR-per-player and lots-per-trader rules, and read them back", () => {
    const d = emptyDraft("USD");
    d.cpa.on = false;
    d.kpi = { ...d.kpi, on: true, effect: "bonus", bonus: "500", repeat: { ...d.kpi.repeat, on: false }, avgDeposit: { on: false, amount: "" }, median: { on: true, amount: "30" }, ngr: { on: true, amount: "100.00" }, lotsPerTrader: { on: true, lots: "1.5" } };
    const { terms, errors } = termsFromDraft(d);
    expect(errors).toEqual({});
    expect(terms?.components.kpi?.rules).toEqual([
      { metric: "median_first_deposit", minAmount: 3000 },
      { metric: "ngr_per_player", minAmount: 10000 },
      { metric: "lots_per_trader", minLots: "1.5" },
    ]);
    expect(termsFromDraft(draftFromStored(toStoredTerms(parsePlanTerms(terms))))).toMatchObject({ terms });
    d.kpi.lotsPerTrader.lots = "a lot";
    expect(termsFromDraft(d).errors).toEqual({ "components.kpi.rules.2.minLots": "Use a number of lots such as 2.5 (at most 2 decimals)" });
  });
});
