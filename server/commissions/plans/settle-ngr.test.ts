import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { settleNgrMonth } from "./settle-ngr";
import type { NgrCarryover } from "./types";

/*
 * Four months at 25%, in minor units (1000 = 10.00 USD). Customer A, and B in months 3 and 4.
 *
 *  month | A      B      | NGR total | carry_forward: base  pay  carry | reset_monthly: base  pay | none: base         pay
 *  1     | +1000         |  +1000    |  1000            250   0        |  1000           250      | 1000               250
 *  2     | -3000         |  -3000    | -3000              0  -3000     | -3000             0      | 0                    0
 *  3     | +3500  -2000  |  +1500    |  1500-3000=-1500   0  -1500     |  1500           375      | 3500 (B floored)   875
 *  4     | +5000  -1000  |  +4000    |  4000-1500=2500  625   0        |  4000          1000      | 5000 (B floored)  1250
 *  total |               |  +3500    |                  875            |                1625      |                   2375
 */
const MONTHS = [
  [{ customerId: "A", ngr: 1000n }],
  [{ customerId: "A", ngr: -3000n }],
  [{ customerId: "A", ngr: 3500n }, { customerId: "B", ngr: -2000n }],
  [{ customerId: "A", ngr: 5000n }, { customerId: "B", ngr: -1000n }],
];

function run(carryover: NgrCarryover, months: { customerId: string; ngr: bigint }[][], rateBp = 2500) {
  let carry = 0n;
  return months.map((lines) => {
    const r = settleNgrMonth({ currency: "USD", rateBp, carryover, previousCarry: carry, lines });
    carry = r.carryOut;
    return r;
  });
}

describe("settleNgrMonth", () => {
  it("carry_forward: a negative month must be earned back before anything is paid", () => {
    const r = run("carry_forward", MONTHS);
    expect(r.map((m) => [m.ngrTotal, m.base, m.commission, m.carryOut])).toEqual([
      [1000n, 1000n, 250n, 0n],
      [-3000n, -3000n, 0n, -3000n],
      [1500n, -1500n, 0n, -1500n],
      [4000n, 2500n, 625n, 0n],
    ]);
    expect(r[3]?.statement).toEqual([
      "NGR this month: 40.00 USD from 2 customers",
      "Base: 40.00 USD + carried -15.00 USD = 25.00 USD",
      "Commission: 25% × max(0, 25.00 USD) = 6.25 USD",
      "Carried to next month: 0.00 USD",
    ]);
  });

  it("reset_monthly: customers net within the month, and each month starts at 0", () => {
    const r = run("reset_monthly", MONTHS);
    expect(r.map((m) => [m.ngrTotal, m.base, m.commission, m.carryOut])).toEqual([
      [1000n, 1000n, 250n, 0n],
      [-3000n, -3000n, 0n, 0n],
      [1500n, 1500n, 375n, 0n],
      [4000n, 4000n, 1000n, 0n],
    ]);
    expect(r[2]?.statement).toEqual([
      "NGR this month: 15.00 USD from 2 customers",
      "Base: 15.00 USD (carry-over resets every month)",
      "Commission: 25% × max(0, 15.00 USD) = 3.75 USD",
      "Carried to next month: 0.00 USD",
    ]);
  });

  it("none: each customer's negative NGR counts as 0", () => {
    const r = run("none", MONTHS);
    expect(r.map((m) => [m.ngrTotal, m.base, m.commission, m.carryOut])).toEqual([
      [1000n, 1000n, 250n, 0n],
      [-3000n, 0n, 0n, 0n],
      [1500n, 3500n, 875n, 0n],
      [4000n, 5000n, 1250n, 0n],
    ]);
    expect(r[2]?.statement).toEqual([
      "NGR this month: 15.00 USD from 2 customers",
      "Base: 35.00 USD (negative NGR is not netted; 1 customer with -20.00 USD counts as 0)",
      "Commission: 25% × max(0, 35.00 USD) = 8.75 USD",
      "Carried to next month: 0.00 USD",
    ]);
  });

  it("adds up a customer's lines before flooring them", () => {
    // A: +1000 - 1500 = -500 -> 0 under "none"; B: +200. Base 200, 25% = 50.
    const r = settleNgrMonth({ currency: "USD", rateBp: 2500, carryover: "none", previousCarry: 0n, lines: [
      { customerId: "A", ngr: 1000n }, { customerId: "B", ngr: 200n }, { customerId: "A", ngr: -1500n },
    ] });
    expect([r.ngrTotal, r.base, r.commission]).toEqual([-300n, 200n, 50n]);
  });

  it("drops a carry under reset_monthly and says so", () => {
    const r = settleNgrMonth({ currency: "USD", rateBp: 2500, carryover: "reset_monthly", previousCarry: -700n, lines: [{ customerId: "A", ngr: 1000n }] });
    expect([r.base, r.commission, r.carryOut]).toEqual([1000n, 250n, 0n]);
    expect(r.statement[1]).toBe("Base: 10.00 USD (carry-over resets every month; the -7.00 USD carried from earlier months is dropped)");
  });

  it("rounds the month's commission once, ties to even", () => {
    const month = (ngr: bigint) => settleNgrMonth({ currency: "USD", rateBp: 2500, carryover: "carry_forward", previousCarry: 0n, lines: [{ customerId: "A", ngr }] });
    expect(month(1002n).commission).toBe(250n); // 250.5 -> 250
    expect(month(1006n).commission).toBe(252n); // 251.5 -> 252
    expect(month(0n).statement[0]).toBe("NGR this month: 0.00 USD from 1 customer");
  });

  it("never claws back: a later loss leaves an earlier month's commission paid", () => {
    // +1000 then -3000: month 1 pays 250; the period's NGR is -2000, yet the 250 stays paid and -3000 is carried.
    // So the sum of commissions is rate × (total − final carry) = 25% × (-2000 + 3000) = 250, not rate × max(0, total) = 0.
    const r = run("carry_forward", [[{ customerId: "A", ngr: 1000n }], [{ customerId: "A", ngr: -3000n }]]);
    expect(r.map((m) => m.commission)).toEqual([250n, 0n]);
    expect(r[1]?.carryOut).toBe(-3000n);
  });

  it("refuses a positive carry and a rate outside 0..10000 bp", () => {
    expect(() => settleNgrMonth({ currency: "USD", rateBp: 2500, carryover: "carry_forward", previousCarry: 1n, lines: [] })).toThrow(RangeError);
    expect(() => settleNgrMonth({ currency: "USD", rateBp: 10_001, carryover: "none", previousCarry: 0n, lines: [] })).toThrow(RangeError);
  });

  const months = fc.array(fc.array(fc.record({ customerId: fc.constantFrom("A", "B", "C"), ngr: fc.bigInt({ min: -1_000_000n, max: 1_000_000n }) }), { maxLength: 4 }), { minLength: 1, maxLength: 12 });
  const rate = fc.integer({ min: 0, max: 10_000 });

  it("property (carry_forward): paid = rate × (total NGR − final carry) within half a unit per month; carry never positive", () => {
    fc.assert(
      fc.property(months, rate, (ms, rateBp) => {
        const r = run("carry_forward", ms, rateBp);
        for (const m of r) expect(m.carryOut <= 0n).toBe(true);
        const paid = r.reduce((s, m) => s + m.commission, 0n);
        const total = r.reduce((s, m) => s + m.ngrTotal, 0n);
        const finalCarry = r[r.length - 1]?.carryOut ?? 0n;
        // Σ max(0, base) telescopes to total − finalCarry. Errors in 1/10,000 units: each month ≤ 5,000.
        const error = paid * 10_000n - BigInt(rateBp) * (total - finalCarry);
        expect((error < 0n ? -error : error) <= 5_000n * BigInt(r.length)).toBe(true);
        // total − finalCarry ≥ max(0, total): never less than the share of the whole period's NGR, and
        // exactly that share when nothing is left carried.
        const floor = BigInt(rateBp) * (total > 0n ? total : 0n);
        expect(paid * 10_000n >= floor - 5_000n * BigInt(r.length)).toBe(true);
        if (finalCarry === 0n) {
          const exact = paid * 10_000n - floor;
          expect((exact < 0n ? -exact : exact) <= 5_000n * BigInt(r.length)).toBe(true);
        }
      }),
    );
  });

  it("property: each month, none pays at least reset_monthly, which pays at least carry_forward", () => {
    fc.assert(
      fc.property(months, rate, (ms, rateBp) => {
        const [carry, reset, none] = (["carry_forward", "reset_monthly", "none"] as const).map((p) => run(p, ms, rateBp));
        ms.forEach((_, i) => {
          expect(none?.[i]?.commission ?? 0n).toBeGreaterThanOrEqual(reset?.[i]?.commission ?? 0n);
          expect(reset?.[i]?.commission ?? 0n).toBeGreaterThanOrEqual(carry?.[i]?.commission ?? 0n);
        });
      }),
    );
  });
});
