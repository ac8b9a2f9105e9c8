import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mulBp, mulRatio } from "./rounding";

describe("mulBp", () => {
  it("rounds to the nearest unit, ties to even", () => {
    expect(mulBp(1000n, 2500)).toBe(250n); // 25% of 1000 = 250 exactly
    expect(mulBp(1001n, 2500)).toBe(250n); // 250.25 -> 250
    expect(mulBp(1003n, 2500)).toBe(251n); // 250.75 -> 251
    expect(mulBp(1002n, 2500)).toBe(250n); // 250.5 -> 250, the even neighbour (half-up would give 251)
    expect(mulBp(1006n, 2500)).toBe(252n); // 251.5 -> 252, the even neighbour
    expect(mulBp(1n, 5000)).toBe(0n); // 0.5 -> 0
    expect(mulBp(3n, 5000)).toBe(2n); // 1.5 -> 2
    expect(mulBp(1n, 1)).toBe(0n); // 0.0001 -> 0
    expect(mulBp(12345n, 0)).toBe(0n);
    expect(mulBp(12345n, 10_000)).toBe(12345n);
  });

  it("is unbiased on ties where half-up and floor are not", () => {
    // 25% of 2, 6, 10, 14 = 0.5, 1.5, 2.5, 3.5 (exact sum 8). Ties to even: 0 + 2 + 2 + 4 = 8.
    // Half-up would pay 1 + 2 + 3 + 4 = 10, floor 0 + 1 + 2 + 3 = 6.
    const paid = [2n, 6n, 10n, 14n].map((a) => mulBp(a, 2500));
    expect(paid).toEqual([0n, 2n, 2n, 4n]);
    expect(paid.reduce((s, v) => s + v, 0n)).toBe(8n);
  });

  it("is symmetric for negative amounts, so a reversal undoes exactly what was paid", () => {
    expect(mulBp(-1002n, 2500)).toBe(-250n); // -250.5 -> -250
    expect(mulBp(-1006n, 2500)).toBe(-252n); // -251.5 -> -252
    expect(mulBp(-1003n, 2500)).toBe(-251n); // -250.75 -> -251
    expect(mulBp(-1001n, 2500)).toBe(-250n); // -250.25 -> -250
  });

  it("refuses a fractional rate", () => {
    expect(() => mulBp(100n, 2.5)).toThrow(RangeError);
    expect(() => mulBp(100n, Number.NaN)).toThrow(RangeError);
  });

  it("properties: symmetric, within half a unit of the exact value, and even on an exact tie", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.integer({ min: 0, max: 10_000 }), (amount, bp) => {
        const r = mulBp(amount, bp);
        expect(mulBp(-amount, bp)).toBe(-r);
        // error in units of 1/10,000: |r × 10,000 − amount × bp| ≤ 5,000, i.e. at most 0.5 unit
        const error = r * 10_000n - amount * BigInt(bp);
        const abs = error < 0n ? -error : error;
        expect(abs <= 5_000n).toBe(true);
        if (abs === 5_000n) expect(r % 2n).toBe(0n);
      }),
    );
  });
});

describe("mulRatio", () => {
  it("applies any ratio with the same rounding", () => {
    expect(mulRatio(800n, 125n, 100n)).toBe(1000n); // 8.00 × 1.25 = 10.00
    expect(mulRatio(850n, 3n, 100n)).toBe(26n); // 25.5 -> 26 (even)
    expect(mulRatio(850n, 1n, 100n)).toBe(8n); // 8.5 -> 8 (even)
    expect(mulRatio(10n, 1n, 3n)).toBe(3n); // 3.33 -> 3
    expect(mulRatio(20n, 1n, 3n)).toBe(7n); // 6.67 -> 7
  });

  it("takes the sign of a negative denominator", () => {
    expect(mulRatio(5n, 1n, -2n)).toBe(-2n); // -2.5 -> -2
    expect(mulRatio(-5n, 1n, -2n)).toBe(2n); // 2.5 -> 2
    expect(mulRatio(7n, 1n, -2n)).toBe(-4n); // -3.5 -> -4
  });

  it("refuses a zero denominator", () => {
    expect(() => mulRatio(1n, 1n, 0n)).toThrow(RangeError);
  });
});
