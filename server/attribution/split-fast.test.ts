import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Credit } from "@/server/money/split";
import { computeCredits, MODEL_DEFAULTS, type Touchpoint } from "./models";
import { splitAmount } from "@/server/money/split";
import { splitAmountFast } from "./split-fast";

// The reference, spied on: the fast path must agree with it, and must not need it for continuous credits.
vi.mock("@/server/money/split", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/server/money/split")>();
  return { ...actual, splitAmount: vi.fn(actual.splitAmount) };
});
afterEach(() => vi.mocked(splitAmount).mockClear());

/** What the simulator did before: splitAmount's amounts as numbers, in the order of the credits. */
function reference(total: number, credits: readonly Credit[]): number[] {
  const byPartner = new Map(splitAmount(BigInt(total), credits).map((s) => [s.partnerId, Number(s.amount)]));
  return credits.map((c) => byPartner.get(c.partnerId) ?? 0);
}

/** Both give the same amounts, or both refuse the input with the same error. */
function expectSame(total: number, credits: readonly Credit[]) {
  let expected: number[] | Error;
  try {
    expected = reference(total, credits);
  } catch (err) {
    expected = err as Error;
  }
  if (expected instanceof Error) expect(() => splitAmountFast(total, credits)).toThrow(expected.message);
  else expect(splitAmountFast(total, credits)).toEqual(expected);
}

/** How many of `cases` the fast path decided without the reference. */
function fastShare(cases: [number, Credit[]][]): number {
  vi.mocked(splitAmount).mockClear();
  for (const [total, credits] of cases) splitAmountFast(total, credits);
  return 1 - vi.mocked(splitAmount).mock.calls.length / cases.length;
}

const ids = fc.constantFrom("a", "b", "c", "d", "e", "f");
const uniqueIds = (n: number) => ["prt_a", "prt_b", "prt_c", "prt_d", "prt_e", "prt_f", "prt_g", "prt_h"].slice(0, n);

// Totals around the fast path's limit (2^33) and beyond it, refunds, zero.
const totalArb = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.bigInt({ min: -(2n ** 41n), max: 2n ** 41n }).map(Number),
  fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map(Number),
  fc.constantFrom(0, 1, -1, 2 ** 33, 2 ** 33 + 1, -(2 ** 33), Number.MAX_SAFE_INTEGER),
);
// Continuous credits (time decay, data-driven), rationals with small denominators (linear, position-based:
// whole-number quotas and exact ties), near-ties a few ulps apart, extremes and invalid values.
const near = fc.tuple(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.integer({ min: -3, max: 3 })).map(([x, k]) => x * (1 + k * 2 ** -52));
const creditValue = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 12 })).map(([k, d]) => k / d),
  near,
  fc.constantFrom(0, 1 / 3, 0.4, 0.2, 1e-300, 5e-324, 1e6, 1e300, -0.1, Number.NaN, Number.POSITIVE_INFINITY),
);
// Mostly one entry per partner, as models give them; sometimes a partner named twice.
const creditsArb = fc.oneof(
  fc.array(creditValue, { maxLength: 8 }).map((cs) => cs.map((credit, i) => ({ partnerId: uniqueIds(8)[i]!, credit }))),
  fc.array(fc.record({ partnerId: ids, credit: creditValue }), { maxLength: 8 }),
);

describe("splitAmountFast", () => {
  it("equals splitAmount on the worked examples", () => {
    const thirds = [{ partnerId: "c", credit: 1 / 3 }, { partnerId: "a", credit: 1 / 3 }, { partnerId: "b", credit: 1 / 3 }];
    expect(splitAmountFast(100, thirds)).toEqual([33, 34, 33]);
    expect(splitAmountFast(-1, thirds)).toEqual([0, -1, 0]);
    expect(splitAmountFast(7, [{ partnerId: "a", credit: 0.2 }, { partnerId: "b", credit: 0.3 }, { partnerId: "c", credit: 0.5 }])).toEqual([1, 2, 4]);
    expect(splitAmountFast(100, [{ partnerId: "a", credit: 0 }, { partnerId: "b", credit: 0.7 }])).toEqual([0, 100]);
    expect(splitAmountFast(0, thirds)).toEqual([0, 0, 0]);
    expect(() => splitAmountFast(100, [{ partnerId: "a", credit: Number.NaN }, { partnerId: "b", credit: 1 }])).toThrow(RangeError);
  });

  it("equals splitAmount on any input, refusing what it refuses", () => {
    fc.assert(
      fc.property(totalArb, creditsArb, (total, credits) => expectSame(total, credits)),
      { numRuns: 10_000 },
    );
  });

  it("equals splitAmount on near-ties of distinct partners' credits", () => {
    const tiedArb = fc
      .tuple(fc.integer({ min: 2, max: 8 }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 8, maxLength: 8 }))
      .map(([n, x, ks]) => uniqueIds(n).map((partnerId, i) => ({ partnerId, credit: x * (1 + ks[i]! * 2 ** -52) })));
    fc.assert(
      fc.property(totalArb, tiedArb, (total, credits) => expectSame(total, credits)),
      { numRuns: 10_000 },
    );
  });

  it("equals splitAmount on time-decay and position-based journeys, and decides time decay without it", () => {
    const DAY = 86_400_000;
    const at = new Date("2026-03-01T00:00:00.000Z");
    const journeyArb = fc.array(fc.record({ partner: fc.integer({ min: 0, max: 5 }), ms: fc.integer({ min: 0, max: 30 * DAY }) }), { minLength: 2, maxLength: 12 });
    const cases: [number, Credit[]][] = [];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), journeyArb, (total, journey) => {
        const touches: Touchpoint[] = journey.map((t, i) => ({ partnerId: uniqueIds(6)[t.partner]!, clickId: `clk_${i}`, at: new Date(at.getTime() - t.ms) }));
        const decay = computeCredits(touches, at, MODEL_DEFAULTS.time_decay).credits;
        expectSame(total, decay);
        expectSame(total, computeCredits(touches, at, MODEL_DEFAULTS.position_based).credits);
        if (decay.length > 1) cases.push([total, decay]);
      }),
      { numRuns: 5000 },
    );
    expect(cases.length).toBeGreaterThan(1000);
    expect(fastShare(cases)).toBeGreaterThan(0.95);
  });
});
