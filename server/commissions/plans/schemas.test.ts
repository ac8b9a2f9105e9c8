import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePlanTerms, parseQualificationRules, planTermsSchema, type PlanTermsInput } from "./schemas";

const TIERS = [
  { from: 1, to: 10, amount: 20000 },
  { from: 11, to: 50, amount: 25000 },
  { from: 51, to: null, amount: 30000 },
];

const withTiers = (tiers: unknown[], metric = "ftd_count", appliesTo = "cpa"): unknown => ({
  currency: "USD",
  components: { cpa: { event: "ftd", amount: 20000 }, revshare: { events: ["deposit"], rateBp: 2500 }, tiers: { metric, event: "ftd", appliesTo, tiers } },
});

/** The messages of a rejected input, each prefixed with its path, for matching. */
function issues(input: unknown): string[] {
  const r = planTermsSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("planTermsSchema", () => {
  it("parses a hybrid plan, amounts as numbers, strings or bigints becoming bigint minor units", () => {
    const input: PlanTermsInput = {
      currency: "USD",
      components: {
        cpa: { event: "FTD", amount: "20000" },
        revshare: { events: ["deposit"], rateBp: 2500, recurringMonths: 12 },
        lots: { groups: [{ name: "Majors", instruments: ["eurusd"], ratePerLot: 800 }], defaultRatePerLot: 500n },
        multiTier: { levels: [1000, 500] },
      },
    };
    expect(parsePlanTerms(input)).toEqual({
      currency: "USD",
      components: {
        cpa: { event: "ftd", amount: 20000n },
        revshare: { events: ["deposit"], rateBp: 2500, recurringMonths: 12 },
        lots: { event: "trade", groups: [{ name: "Majors", instruments: ["EURUSD"], ratePerLot: 800n }], defaultRatePerLot: 500n },
        multiTier: { levels: [1000, 500] },
      },
    });
  });

  it("round-trips through JSON with amounts written as strings", () => {
    const terms = parsePlanTerms(withTiers(TIERS));
    const json = JSON.stringify(terms, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    expect(parsePlanTerms(JSON.parse(json))).toEqual(terms);
  });

  it("refuses empty plans, unknown keys and currencies, and out-of-range numbers", () => {
    expect(issues({ currency: "USD", components: {} })).toEqual(["components: Add at least one component"]);
    expect(issues({ currency: "USD", components: { revShare: { events: ["deposit"], rateBp: 1 } } })[0]).toMatch(/^components: Unrecognized key/);
    expect(issues({ currency: "XXY", components: { cpa: { event: "ftd", amount: 1 } } })).toEqual(["currency: Use an ISO 4217 currency code such as USD"]);
    expect(issues({ currency: "USD", components: { cpa: { event: "ftd", amount: -1 } } })).toEqual(["components.cpa.amount: Must not be negative"]);
    expect(issues({ currency: "USD", components: { cpa: { event: "ftd", amount: 1.5 } } })).not.toEqual([]);
    expect(issues({ currency: "USD", components: { revshare: { events: ["deposit"], rateBp: 10_001 } } })).toEqual(["components.revshare.rateBp: Use 0 to 10000 bp (0% to 100%)"]);
    expect(issues({ currency: "USD", components: { revshare: { events: ["deposit"], rateBp: 12.5 } } })).toEqual(["components.revshare.rateBp: Use whole basis points (1 bp = 0.01%)"]);
    expect(issues({ currency: "USD", components: { revshare: { events: ["deposit", "deposit"], rateBp: 1 } } })).toEqual(["components.revshare.events: Remove the repeated entry"]);
    expect(issues({ currency: "USD", components: { multiTier: { levels: [1, 1, 1, 1, 1, 1] } } })).toEqual(["components.multiTier.levels: At most 5 levels"]);
    expect(issues({ currency: "USD", components: { ngr: { rateBp: 2500, carryover: "sometimes" } } })).not.toEqual([]);
  });

  it("accepts contiguous tiers from 1 (counts) or 0 (amount sums), closed or open-ended", () => {
    expect(issues(withTiers(TIERS))).toEqual([]);
    expect(issues(withTiers([{ from: 1, to: 10, amount: 1 }, { from: 11, to: 50, amount: 2 }]))).toEqual([]);
    expect(issues(withTiers([{ from: 0, to: 99_999, rateBp: 2000 }, { from: 100_000, to: null, rateBp: 3000 }], "amount_sum", "revshare"))).toEqual([]);
  });

  it("refuses tiers that do not start at the start, leave gaps, overlap or are open-ended mid-table", () => {
    expect(issues(withTiers([{ from: 0, to: 10, amount: 1 }]))).toEqual(["components.tiers.tiers.0.from: The first tier must start at 1"]);
    expect(issues(withTiers([{ from: 1, to: 10, rateBp: 1 }], "amount_sum", "revshare"))).toEqual(["components.tiers.tiers.0.from: The first tier must start at 0"]);
    expect(issues(withTiers([{ from: 1, to: 10, amount: 1 }, { from: 12, to: null, amount: 2 }]))).toEqual(["components.tiers.tiers.1.from: Gap: nothing covers 11 to 11"]);
    expect(issues(withTiers([{ from: 1, to: 10, amount: 1 }, { from: 10, to: null, amount: 2 }]))).toEqual(["components.tiers.tiers.1.from: Overlaps the tier before, which ends at 10"]);
    expect(issues(withTiers([{ from: 1, to: null, amount: 1 }, { from: 11, to: null, amount: 2 }]))).toEqual(["components.tiers.tiers.0.to: Only the last tier may be open-ended"]);
    expect(issues(withTiers([{ from: 1, to: 0, amount: 1 }]))).toEqual(["components.tiers.tiers.0.to: Ends before it starts"]);
  });

  it("refuses tiers that pay in the wrong kind or target a missing component", () => {
    expect(issues(withTiers([{ from: 1, to: null, rateBp: 1 }]))).toEqual([
      "components.tiers.tiers.0.amount: Enter the CPA amount for this tier",
      "components.tiers.tiers.0.rateBp: A cpa tier sets an amount, not a rate",
    ]);
    expect(issues(withTiers([{ from: 1, to: null, rateBp: 1 }], "ftd_count", "ngr"))).toEqual(["components.tiers.appliesTo: The tiers apply to ngr, which this plan does not have"]);
  });

  it("refuses an instrument in two lot groups, repeated group names, and lots with no rate at all", () => {
    const lots = (groups: unknown[], defaultRatePerLot: unknown = null) => issues({ currency: "USD", components: { lots: { groups, defaultRatePerLot } } });
    expect(lots([{ name: "A", instruments: ["EURUSD"], ratePerLot: 1 }, { name: "B", instruments: ["eurusd"], ratePerLot: 2 }])).toEqual(["components.lots.groups.1.instruments: EURUSD is already in A"]);
    expect(lots([{ name: "A", instruments: ["EURUSD"], ratePerLot: 1 }, { name: "A", instruments: ["GBPUSD"], ratePerLot: 2 }])).toEqual(["components.lots.groups.1.name: Another group has this name"]);
    expect(lots([])).toEqual(["components.lots.groups: Add a group or a default rate per lot"]);
    expect(lots([], 500)).toEqual([]);
  });

  it("property: contiguous tables pass, and moving any one boundary makes a gap or an overlap that fails", () => {
    const table = fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 2, maxLength: 8 }).map((widths) => {
      let from = 1;
      return widths.map((w, i) => {
        const t = { from, to: i === widths.length - 1 ? null : from + w - 1, amount: 100 * (i + 1) };
        from += w;
        return t;
      });
    });
    fc.assert(
      fc.property(table, fc.nat(), fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0), (tiers, pick, shift) => {
        expect(issues(withTiers(tiers))).toEqual([]);
        const i = 1 + (pick % (tiers.length - 1));
        const moved = tiers.map((t, j) => (j === i ? { ...t, from: t.from + shift } : t));
        expect(issues(withTiers(moved)).length).toBeGreaterThan(0);
      }),
    );
  });
});

describe("qualificationRulesSchema", () => {
  it("parses the offer's rules and bounds the window", () => {
    expect(parseQualificationRules({ minDeposit: "2000", withinDaysOfRegistration: 30, oncePerCustomer: true })).toEqual({ minDeposit: 2000n, withinDaysOfRegistration: 30, oncePerCustomer: true });
    expect(parseQualificationRules({})).toEqual({});
    expect(() => parseQualificationRules({ withinDaysOfRegistration: 0 })).toThrow();
    expect(() => parseQualificationRules({ minDeposit: -1 })).toThrow();
  });
});
