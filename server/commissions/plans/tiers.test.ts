import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeEventCommission } from "./compute";
import { parsePlanTerms } from "./schemas";
import { ngrRateFor, pickTier } from "./tiers";
import type { PlanTerms, Tier } from "./types";

const ftdTiers = (last: number | null) => [
  { from: 1, to: 10, amount: 20000 }, // 200.00
  { from: 11, to: 50, amount: 25000 }, // 250.00
  { from: 51, to: last, amount: 30000 }, // 300.00
];
const plan = (last: number | null) =>
  parsePlanTerms({ currency: "USD", components: { cpa: { event: "ftd", amount: 15000 }, tiers: { metric: "ftd_count", event: "ftd", appliesTo: "cpa", tiers: ftdTiers(last) } } });
const OPEN = plan(null);
const CLOSED = plan(100);

const ftdNumber = (terms: PlanTerms, n: number) =>
  computeEventCommission(terms, { type: "ftd", amount: 5000n, currency: "USD", occurredAt: new Date("2025-06-10T00:00:00.000Z") }, { periodVolume: { ftdCount: n, eventCount: n, amountSum: 0n } });

describe("tiered CPA", () => {
  it("pays the tier the period's FTD count falls in, counting this FTD", () => {
    expect(ftdNumber(OPEN, 1)).toMatchObject({ total: 20000n, lines: [{ basis: "CPA for FTD, tier 1–10 FTDs, 1 FTD this period: 200.00 USD" }] });
    expect(ftdNumber(OPEN, 10)).toMatchObject({ total: 20000n, lines: [{ basis: "CPA for FTD, tier 1–10 FTDs, 10 FTDs this period: 200.00 USD" }] });
    expect(ftdNumber(OPEN, 11)).toMatchObject({ total: 25000n, lines: [{ basis: "CPA for FTD, tier 11–50 FTDs, 11 FTDs this period: 250.00 USD" }] });
    expect(ftdNumber(OPEN, 50).total).toBe(25000n);
    expect(ftdNumber(OPEN, 51)).toMatchObject({ total: 30000n, lines: [{ basis: "CPA for FTD, tier 51+ FTDs, 51 FTDs this period: 300.00 USD" }] });
    expect(ftdNumber(OPEN, 100_000).total).toBe(30000n);
  });

  it("pays the base CPA past a closed last tier, and says so", () => {
    expect(ftdNumber(CLOSED, 100).total).toBe(30000n);
    expect(ftdNumber(CLOSED, 101)).toMatchObject({
      total: 15000n,
      lines: [{ basis: "CPA for FTD, 101 FTDs this period is outside every tier, so the base rate applies: 150.00 USD" }],
    });
  });
});

describe("tiered revshare and NGR", () => {
  it("picks the revshare rate from the period's deposit volume", () => {
    const terms = parsePlanTerms({
      currency: "USD",
      components: {
        revshare: { events: ["deposit"], rateBp: 2000 },
        tiers: { metric: "amount_sum", event: "deposit", appliesTo: "revshare", tiers: [{ from: 0, to: 99_999, rateBp: 2000 }, { from: 100_000, to: null, rateBp: 3000 }] },
      },
    });
    const deposit = (amountSum: bigint) =>
      computeEventCommission(terms, { type: "deposit", amount: 8000n, currency: "USD", occurredAt: new Date(0) }, { periodVolume: { ftdCount: 0, eventCount: 1, amountSum } });
    // volume 999.99: 20% of 80.00 = 16.00; volume 1,000.00: 30% of 80.00 = 24.00
    expect(deposit(99_999n)).toMatchObject({ total: 1600n, lines: [{ basis: "20% (tier 0.00–999.99 USD of deposit, 999.99 USD of deposit this period) of 80.00 USD deposit = 16.00 USD" }] });
    expect(deposit(100_000n)).toMatchObject({ total: 2400n, lines: [{ basis: "30% (tier 1,000.00+ USD of deposit, 1,000.00 USD of deposit this period) of 80.00 USD deposit = 24.00 USD" }] });
  });

  it("gives the settlement its NGR rate from the month's volume", () => {
    const terms = parsePlanTerms({
      currency: "USD",
      components: {
        ngr: { rateBp: 2500, carryover: "carry_forward" },
        tiers: { metric: "event_count", event: "registration", appliesTo: "ngr", tiers: [{ from: 1, to: 10, rateBp: 2500 }, { from: 11, to: null, rateBp: 3500 }] },
      },
    });
    const volume = (n: number) => ({ ftdCount: 0, eventCount: n, amountSum: 0n });
    expect(ngrRateFor(terms, volume(11))).toEqual({ rateBp: 3500, basis: "35% NGR share (tier 11+ registration events, 11 registration events this period)" });
    expect(ngrRateFor(terms, volume(0))).toEqual({ rateBp: 2500, basis: "25% NGR share (0 registration events this period is outside every tier, so the base rate applies)" });
    expect(ngrRateFor(parsePlanTerms({ currency: "USD", components: { ngr: { rateBp: 4000, carryover: "none" } } }), volume(5))).toEqual({ rateBp: 4000, basis: "40% NGR share" });
    expect(ngrRateFor(OPEN, volume(5))).toBeUndefined();
  });
});

describe("tier properties", () => {
  /** Contiguous tables from 1, open-ended, each tier paying at least the one before. */
  const monotone = fc.array(fc.record({ width: fc.integer({ min: 1, max: 40 }), raise: fc.integer({ min: 0, max: 5000 }) }), { minLength: 1, maxLength: 6 }).map((rows) => {
    let from = 1;
    let amount = 0;
    return rows.map((r, i): Tier => {
      amount += r.raise;
      const t = { from, to: i === rows.length - 1 ? null : from + r.width - 1, amount: BigInt(amount), rateBp: Math.min(10_000, amount) };
      from += r.width;
      return t;
    });
  });

  it("property: with a monotone table, the per-event amount never falls as volume grows", () => {
    fc.assert(
      fc.property(monotone, fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 300 }), (tiers, v, more) => {
        const cpa = parsePlanTerms({
          currency: "USD",
          components: { cpa: { event: "ftd", amount: 0 }, tiers: { metric: "ftd_count", event: "ftd", appliesTo: "cpa", tiers: tiers.map((t) => ({ from: t.from, to: t.to, amount: t.amount })) } },
        });
        expect(ftdNumber(cpa, v + more).total).toBeGreaterThanOrEqual(ftdNumber(cpa, v).total);
        const rev = parsePlanTerms({
          currency: "USD",
          components: { revshare: { events: ["ftd"], rateBp: 0 }, tiers: { metric: "ftd_count", event: "ftd", appliesTo: "revshare", tiers: tiers.map((t) => ({ from: t.from, to: t.to, rateBp: t.rateBp })) } },
        });
        expect(ftdNumber(rev, v + more).total).toBeGreaterThanOrEqual(ftdNumber(rev, v).total);
      }),
    );
  });

  it("property: every volume from the start up falls in exactly one tier of an open-ended table", () => {
    fc.assert(
      fc.property(monotone, fc.bigInt({ min: 1n, max: 1000n }), (tiers, v) => {
        expect(tiers.filter((t) => pickTier([t], v) !== undefined)).toHaveLength(1);
      }),
    );
  });
});
