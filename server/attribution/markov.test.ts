import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { learnRemovalEffects, type Journey } from "./markov";

function j(partners: string, converted: boolean): Journey {
  return { partners: partners.split(""), converted };
}
function expectWeights(actual: Record<string, number>, expected: Record<string, number>) {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const [id, w] of Object.entries(expected)) expect(actual[id]).toBeCloseTo(w, 12);
}

/**
 * Reference: value iteration on the uncollapsed chain with a removed partner's transitions sent to null, the
 * definition written out, to check the single-inversion shortcut and the collapsing of repeated clicks.
 */
function referenceWeights(journeys: Journey[]): Record<string, number> {
  const counts = new Map<string, Map<string, number>>();
  const add = (from: string, to: string) => {
    const row = counts.get(from) ?? new Map<string, number>();
    row.set(to, (row.get(to) ?? 0) + 1);
    counts.set(from, row);
  };
  for (const { partners, converted } of journeys) {
    if (partners.length === 0) continue;
    ["#start", ...partners].forEach((from, i) => add(from, partners[i] ?? (converted ? "#conv" : "#null")));
  }
  const partners = [...counts.keys()].filter((s) => s !== "#start").sort();
  const conversionProbability = (removed: string | null) => {
    const value = new Map<string, number>([["#conv", 1]]);
    for (let iteration = 0; iteration < 100_000; iteration++) {
      let change = 0;
      for (const [state, row] of counts) {
        const total = [...row.values()].reduce((a, b) => a + b, 0);
        const v = state === removed ? 0 : [...row].reduce((sum, [to, c]) => sum + (c / total) * (value.get(to) ?? 0), 0);
        change = Math.max(change, Math.abs(v - (value.get(state) ?? 0)));
        value.set(state, v);
      }
      if (change < 1e-15) break;
    }
    return value.get("#start") ?? 0;
  };
  const p = conversionProbability(null);
  if (p === 0) return {};
  const effects = partners.map((x) => (p - conversionProbability(x)) / p);
  const total = effects.reduce((a, b) => a + b, 0);
  return Object.fromEntries(partners.map((x, i) => [x, (effects[i] ?? 0) / total]));
}

describe("learnRemovalEffects", () => {
  it("matches a hand-computed chain", () => {
    // Counts: start->A 2, start->B 2; A->B 1, A->null 1; B->conv 2, B->null 1.
    // v_B = 2/3, v_A = 1/2 * v_B = 1/3, P = 1/2 * 1/3 + 1/2 * 2/3 = 1/2 (the observed rate, 2 of 4).
    // Without A: P = 1/2 * 2/3 = 1/3 -> effect (1/2 - 1/3) / (1/2) = 1/3. Without B: v_A = 0, P = 0 -> effect 1.
    // Weights: 1/3 and 1 over 4/3 -> A 1/4, B 3/4.
    const journeys = [j("AB", true), j("A", false), j("B", true), j("B", false)];
    const learned = learnRemovalEffects(journeys, { minConversions: 2 });
    expect(learned).toMatchObject({ journeys: 4, conversions: 2, sufficient: true });
    expectWeights(learned.weights, { A: 1 / 4, B: 3 / 4 });
  });

  it("keeps a 0 weight for a partner that never leads to a conversion", () => {
    // Adding C -> null: start splits 2/5, 2/5, 1/5; P = 2/5 * 1/3 + 2/5 * 2/3 = 2/5.
    // Without A: 2/5 * 2/3 = 4/15 -> (2/5 - 4/15) / (2/5) = 1/3; without B: 0 -> 1; without C: 2/5 -> 0.
    const journeys = [j("AB", true), j("A", false), j("B", true), j("B", false), j("C", false)];
    expectWeights(learnRemovalEffects(journeys).weights, { A: 1 / 4, B: 3 / 4, C: 0 });
  });

  it("solves cycles", () => {
    // Counts: start->A 2, start->B 1; A->B 1, A->conv 1, A->null 1; B->A 1, B->null 1.
    // v_A = 1/3 v_B + 1/3 and v_B = 1/2 v_A -> v_A = 2/5, v_B = 1/5; P = 2/3 * 2/5 + 1/3 * 1/5 = 1/3.
    // Without A: v_B = 0, P = 0 -> effect 1. Without B: v_A = 1/3, P = 2/3 * 1/3 = 2/9 -> (1/3 - 2/9) / (1/3) = 1/3.
    // Weights: 1 and 1/3 over 4/3 -> A 3/4, B 1/4.
    expectWeights(learnRemovalEffects([j("ABA", true), j("B", false), j("A", false)]).weights, { A: 3 / 4, B: 1 / 4 });
    // A->B 4/5, A->null 1/5; B->A 3/4, B->conv 1/4: v_A = 4/5 v_B, v_B = 3/4 v_A + 1/4 -> v_A = 1/2 = P.
    // Every conversion passes through both, so removing either leaves P = 0: effects 1 and 1 -> 1/2 each.
    expectWeights(learnRemovalEffects([j("ABABABAB", true), j("A", false)]).weights, { A: 1 / 2, B: 1 / 2 });
  });

  it("collapses repeated clicks on the same partner and ignores journeys without clicks", () => {
    const plain = learnRemovalEffects([j("AB", true), j("A", false), j("B", true), j("B", false)]);
    const repeated = learnRemovalEffects([j("AAB", true), j("A", false), j("BBB", true), j("B", false), j("", true), j("", false)]);
    expect(repeated).toEqual(plain);
  });

  it("flags too few conversions but still learns weights", () => {
    const learned = learnRemovalEffects([j("AB", true), j("A", false), j("B", true), j("B", false)]);
    expect(learned.sufficient).toBe(false);
    expectWeights(learned.weights, { A: 1 / 4, B: 3 / 4 });
    expect(learnRemovalEffects([j("A", true)], { minConversions: 1 }).sufficient).toBe(true);
  });

  it("learns nothing without conversions", () => {
    expect(learnRemovalEffects([])).toEqual({ weights: {}, journeys: 0, conversions: 0, sufficient: false });
    expect(learnRemovalEffects([j("AB", false), j("B", false)], { minConversions: 0 })).toEqual({ weights: {}, journeys: 2, conversions: 0, sufficient: false });
  });

  it("keeps odd partner ids as plain keys", () => {
    const learned = learnRemovalEffects([{ partners: ["__proto__", "constructor"], converted: true }]);
    expect(Object.hasOwn(learned.weights, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(learned.weights)).toBe(Object.prototype);
    expectWeights(learned.weights, Object.fromEntries([["__proto__", 0.5], ["constructor", 0.5]]));
  });

  it("agrees with value iteration on the definition, whatever the journeys' order", () => {
    const journeyArb = fc.record({ partners: fc.array(fc.constantFrom("a", "b", "c", "d"), { maxLength: 6 }), converted: fc.boolean() });
    const pairArb = fc.array(journeyArb, { maxLength: 30 }).chain((js) => fc.tuple(fc.constant(js), fc.shuffledSubarray(js, { minLength: js.length, maxLength: js.length })));
    fc.assert(
      fc.property(pairArb, ([journeys, shuffled]) => {
        const learned = learnRemovalEffects(journeys);
        expect(learnRemovalEffects(shuffled)).toEqual(learned);
        const expected = referenceWeights(journeys);
        expect(Object.keys(learned.weights)).toEqual(Object.keys(expected));
        for (const [id, w] of Object.entries(expected)) expect(Math.abs((learned.weights[id] ?? Number.NaN) - w)).toBeLessThan(1e-9);
        if (Object.keys(expected).length > 0) expect(Math.abs(Object.values(learned.weights).reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it("handles 100,000 journeys over 50 partners", () => {
    // Deterministic pseudo-random journeys (mulberry32). Journeys ending at partners p00-p04 convert 30% of the
    // time, others 2%, so the first five must come out on top.
    let seed = 42;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
    const ids = Array.from({ length: 50 }, (_, i) => `p${String(i).padStart(2, "0")}`);
    const journeys: Journey[] = Array.from({ length: 100_000 }, () => {
      const partners = Array.from({ length: 1 + Math.floor(random() * 10) }, () => ids[Math.floor(random() * 50)] ?? "p00");
      const closer = (partners[partners.length - 1] ?? "") < "p05";
      return { partners, converted: random() < (closer ? 0.3 : 0.02) };
    });
    const learned = learnRemovalEffects(journeys);
    expect(learned.journeys).toBe(100_000);
    expect(learned.sufficient).toBe(true);
    expect(Object.keys(learned.weights)).toEqual(ids);
    const weights = ids.map((id) => learned.weights[id] ?? Number.NaN);
    expect(Math.abs(weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
    expect(Math.min(...weights.slice(0, 5))).toBeGreaterThan(Math.max(...weights.slice(5)));
  });
});
