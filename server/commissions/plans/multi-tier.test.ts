import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { overrides } from "./multi-tier";

const LEVELS = [1000, 500, 200]; // 10%, 5%, 2%

describe("overrides", () => {
  it("pays each upline its level's share of the commission, as deep as the chain goes", () => {
    // Commission 100.00 USD = 10000: 10% = 1000, 5% = 500, 2% = 200.
    expect(overrides(10000n, ["p1"], LEVELS)).toEqual([{ partnerId: "p1", level: 1, amount: 1000n }]);
    expect(overrides(10000n, ["p1", "p2"], LEVELS)).toEqual([
      { partnerId: "p1", level: 1, amount: 1000n },
      { partnerId: "p2", level: 2, amount: 500n },
    ]);
    expect(overrides(10000n, ["p1", "p2", "p3"], LEVELS)).toEqual([
      { partnerId: "p1", level: 1, amount: 1000n },
      { partnerId: "p2", level: 2, amount: 500n },
      { partnerId: "p3", level: 3, amount: 200n },
    ]);
    expect(overrides(10000n, [], LEVELS)).toEqual([]);
  });

  it("stops at the number of levels however long the chain", () => {
    expect(overrides(10000n, ["p1", "p2", "p3", "p4", "p5"], [1000, 500])).toEqual([
      { partnerId: "p1", level: 1, amount: 1000n },
      { partnerId: "p2", level: 2, amount: 500n },
    ]);
  });

  it("skips zero amounts without stopping the walk", () => {
    // Commission 15: 10% = 1.5 -> 2 (even), 5% = 0.75 -> 1, 2% = 0.3 -> 0 (skipped).
    expect(overrides(15n, ["p1", "p2", "p3"], LEVELS)).toEqual([
      { partnerId: "p1", level: 1, amount: 2n },
      { partnerId: "p2", level: 2, amount: 1n },
    ]);
    // Commission 5: 0.5 -> 0 and 0.25 -> 0: nothing.
    expect(overrides(5n, ["p1", "p2"], LEVELS)).toEqual([]);
    // A 0-bp first level pays nothing, the second level still does.
    expect(overrides(10000n, ["p1", "p2"], [0, 500])).toEqual([{ partnerId: "p2", level: 2, amount: 500n }]);
  });

  it("reverses exactly for a negative commission", () => {
    expect(overrides(-15n, ["p1", "p2", "p3"], LEVELS)).toEqual([
      { partnerId: "p1", level: 1, amount: -2n },
      { partnerId: "p2", level: 2, amount: -1n },
    ]);
  });

  it("stops at a loop in the sponsor chain, so nobody is paid twice", () => {
    expect(overrides(10000n, ["p1", "p2", "p1"], LEVELS)).toEqual([
      { partnerId: "p1", level: 1, amount: 1000n },
      { partnerId: "p2", level: 2, amount: 500n },
    ]);
  });

  it("refuses more than 5 levels and rates outside 0..10000 bp", () => {
    expect(() => overrides(100n, ["p1"], [1, 1, 1, 1, 1, 1])).toThrow(RangeError);
    expect(() => overrides(100n, ["p1"], [10_001])).toThrow(RangeError);
    expect(() => overrides(100n, ["p1"], [-1])).toThrow(RangeError);
    expect(() => overrides(100n, ["p1"], [2.5])).toThrow(RangeError);
  });

  it("property: never deeper than the levels or the chain, never zero, and symmetric", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 5 }),
        (commission, chain, levels) => {
          const out = overrides(commission, chain, levels);
          expect(out.length).toBeLessThanOrEqual(Math.min(chain.length, levels.length));
          for (const o of out) {
            expect(o.amount).not.toBe(0n);
            expect(o.partnerId).toBe(chain[o.level - 1]);
          }
          expect(overrides(-commission, chain, levels)).toEqual(out.map((o) => ({ ...o, amount: -o.amount })));
        },
      ),
    );
  });
});
