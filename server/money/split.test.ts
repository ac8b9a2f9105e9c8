import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Credit } from "./split";
import { creditParts, PARTS, splitAmount } from "./split";

const THIRDS: Credit[] = [
  { partnerId: "c", credit: 1 / 3 },
  { partnerId: "a", credit: 1 / 3 },
  { partnerId: "b", credit: 1 / 3 },
];

describe("creditParts", () => {
  it("turns credits into parts per 10^12 that sum exactly to 10^12", () => {
    // 3 x 333,333,333,333.33 -> floors sum to 999,999,999,999; the leftover part goes to the lowest id (a tie).
    expect(creditParts(THIRDS)).toEqual([
      { partnerId: "a", weight: 333_333_333_334n },
      { partnerId: "b", weight: 333_333_333_333n },
      { partnerId: "c", weight: 333_333_333_333n },
    ]);
  });

  it("treats credits as ratios, merges a partner's entries and skips zero credits", () => {
    // 2 : 1 -> 666,666,666,666.67 and 333,333,333,333.33 -> the leftover part goes to a, the larger remainder (.67).
    expect(creditParts([{ partnerId: "a", credit: 2 }, { partnerId: "b", credit: 1 }, { partnerId: "z", credit: 0 }])).toEqual([
      { partnerId: "a", weight: 666_666_666_667n },
      { partnerId: "b", weight: 333_333_333_333n },
    ]);
    expect(creditParts([{ partnerId: "a", credit: 0.25 }, { partnerId: "b", credit: 0.5 }, { partnerId: "a", credit: 0.25 }])).toEqual([
      { partnerId: "a", weight: PARTS / 2n },
      { partnerId: "b", weight: PARTS / 2n },
    ]);
  });

  it.each([-0.1, Number.NaN, Number.POSITIVE_INFINITY])("refuses a credit of %s", (credit) => {
    expect(() => creditParts([{ partnerId: "a", credit }])).toThrow(RangeError);
  });
});

describe("splitAmount", () => {
  it("gives the unit left over from 100 / 3 to the lowest partner id", () => {
    // Parts 333,333,333,334 / ...333 / ...333: 100 x part / 10^12 = 33.3333333334, 33.3333333333, 33.3333333333;
    // floors 33 + 33 + 33 = 99, and the leftover unit goes to a, whose remainder is the largest.
    expect(splitAmount(100n, THIRDS)).toEqual([
      { partnerId: "a", amount: 34n },
      { partnerId: "b", amount: 33n },
      { partnerId: "c", amount: 33n },
    ]);
  });

  it("never creates a zero-value share", () => {
    // 1 unit over three equal credits: floors 0, 0, 0; the unit goes to a; b and c are omitted.
    expect(splitAmount(1n, THIRDS)).toEqual([{ partnerId: "a", amount: 1n }]);
    expect(splitAmount(2n, THIRDS)).toEqual([
      { partnerId: "a", amount: 1n },
      { partnerId: "b", amount: 1n },
    ]);
    // A credit of 10^-15 is 0 parts per 10^12: no share at all.
    expect(splitAmount(100n, [{ partnerId: "a", credit: 1e-15 }, { partnerId: "b", credit: 1 }])).toEqual([{ partnerId: "b", amount: 100n }]);
  });

  it("hands leftover units to the largest remainders, not the lowest ids", () => {
    // 7 x 0.2 / 0.3 / 0.5 = 1.4, 2.1, 3.5 -> floors 1, 2, 3 (sum 6); the leftover unit goes to c (remainder .5).
    const credits = [{ partnerId: "a", credit: 0.2 }, { partnerId: "b", credit: 0.3 }, { partnerId: "c", credit: 0.5 }];
    expect(splitAmount(7n, credits)).toEqual([
      { partnerId: "a", amount: 1n },
      { partnerId: "b", amount: 2n },
      { partnerId: "c", amount: 4n },
    ]);
  });

  it("splits refunds as the negated split of their absolute value", () => {
    expect(splitAmount(-100n, THIRDS)).toEqual([
      { partnerId: "a", amount: -34n },
      { partnerId: "b", amount: -33n },
      { partnerId: "c", amount: -33n },
    ]);
    expect(splitAmount(-1n, THIRDS)).toEqual([{ partnerId: "a", amount: -1n }]);
  });

  it("returns nothing for a zero total or no credits", () => {
    expect(splitAmount(0n, THIRDS)).toEqual([]);
    expect(splitAmount(100n, [])).toEqual([]);
    expect(splitAmount(100n, [{ partnerId: "a", credit: 0 }])).toEqual([]);
  });

  it("stays exact on huge totals", () => {
    // 10^15 x 333,333,333,334 / 10^12 = 333,333,333,334,000 exactly, and 333,333,333,333,000 twice: sum 10^15.
    // (Parts per 10^12 bound the resolution: on 10^15 units, "equal" thirds differ by 1,000 units.)
    expect(splitAmount(10n ** 15n, THIRDS)).toEqual([
      { partnerId: "a", amount: 333_333_333_334_000n },
      { partnerId: "b", amount: 333_333_333_333_000n },
      { partnerId: "c", amount: 333_333_333_333_000n },
    ]);
    // (10^15 + 1) x 3/4 = 750,000,000,000,000.75 and x 1/4 = ...000.25: the leftover unit goes to a.
    expect(splitAmount(10n ** 15n + 1n, [{ partnerId: "a", credit: 0.75 }, { partnerId: "b", credit: 0.25 }])).toEqual([
      { partnerId: "a", amount: 750_000_000_000_001n },
      { partnerId: "b", amount: 250_000_000_000_000n },
    ]);
  });
});

describe("splitAmount properties", () => {
  const totalArb = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
  const creditArb = fc.record({
    partnerId: fc.constantFrom("a", "b", "c", "d", "e", "f"),
    credit: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1 / 3, 1e-300, 5e-324), fc.double({ min: 0, max: 1e6, noNaN: true })),
  });
  const creditsArb = fc.array(creditArb, { maxLength: 8 });

  it("sums exactly to the total, with shares of its sign, one per partner in id order", () => {
    fc.assert(
      fc.property(totalArb, creditsArb, (total, credits) => {
        const shares = splitAmount(total, credits);
        const anyCredit = credits.some((c) => c.credit > 0);
        expect(shares.reduce((s, x) => s + x.amount, 0n)).toBe(anyCredit ? total : 0n);
        for (const s of shares) expect(total < 0n ? s.amount < 0n : s.amount > 0n).toBe(true);
        const ids = shares.map((s) => s.partnerId);
        expect(ids).toEqual([...new Set(ids)].sort());
        if (anyCredit) expect(creditParts(credits).reduce((s, p) => s + p.weight, 0n)).toBe(PARTS);
      }),
      { numRuns: 1000 },
    );
  });

  it("stays within 1 unit plus the 10^-12 part resolution of each exact quota", () => {
    fc.assert(
      fc.property(totalArb, creditsArb, (total, credits) => {
        const sum = credits.reduce((s, c) => s + c.credit, 0);
        const shares = new Map(splitAmount(total, credits).map((s) => [s.partnerId, Number(s.amount)]));
        const quotas = new Map<string, number>();
        for (const c of credits) quotas.set(c.partnerId, (quotas.get(c.partnerId) ?? 0) + (sum > 0 ? (Number(total) * c.credit) / sum : 0));
        // 0.5 more absorbs the float rounding of this reference computation itself.
        const tolerance = 1 + Math.abs(Number(total)) / 1e12 + 0.5;
        for (const [partnerId, quota] of quotas) expect(Math.abs((shares.get(partnerId) ?? 0) - quota)).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 1000 },
    );
  });

  it("does not depend on the order of the credits, and a refund mirrors the sale", () => {
    const pairArb = creditsArb.chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length, maxLength: cs.length })));
    fc.assert(
      fc.property(totalArb, pairArb, (total, [credits, shuffled]) => {
        const shares = splitAmount(total, credits);
        expect(splitAmount(total, shuffled)).toEqual(shares);
        expect(splitAmount(-total, credits)).toEqual(shares.map((s) => ({ partnerId: s.partnerId, amount: -s.amount })));
      }),
      { numRuns: 500 },
    );
  });
});
