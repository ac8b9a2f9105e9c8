import { compareIds } from "@/server/shared/compare-ids";

/** Partner ids in click order. */
export type Journey = { partners: string[]; converted: boolean };

/** `weights` are removal effects normalised to sum 1, keyed by partner id; `{}` when nothing can be learned. */
export type LearnedWeights = { weights: Record<string, number>; journeys: number; conversions: number; sufficient: boolean };

export const DEFAULT_MIN_CONVERSIONS = 100;

/**
 * Transition counts of the first-order chain. Row 0 is the start state and row 1 + i partner i; column i is
 * partner i, column k the conversion and column k + 1 the null (lost) state. Partner ids are sorted so the
 * result never depends on the order of the journeys.
 */
type Counts = { partners: string[]; table: Float64Array; journeys: number; conversions: number };

function at(values: Float64Array, i: number): number {
  return values[i] ?? 0;
}

/**
 * Consecutive clicks on the same partner are collapsed: absorption probabilities do not change (a self-loop only
 * delays leaving), and the chain then has no self-loops. Journeys without clicks say nothing about partners.
 */
function countTransitions(journeys: readonly Journey[]): Counts {
  const ids = new Set<string>();
  for (const j of journeys) for (const p of j.partners) ids.add(p);
  const partners = [...ids].sort(compareIds);
  const index = new Map(partners.map((p, i) => [p, i]));
  const k = partners.length;
  const width = k + 2;
  const table = new Float64Array((k + 1) * width);
  let used = 0;
  let conversions = 0;
  for (const j of journeys) {
    if (j.partners.length === 0) continue;
    used += 1;
    if (j.converted) conversions += 1;
    let row = 0;
    let previous: string | undefined;
    for (const p of j.partners) {
      if (p === previous) continue;
      previous = p;
      const state = index.get(p) ?? 0;
      table[row * width + state] = at(table, row * width + state) + 1;
      row = state + 1;
    }
    const end = row * width + (j.converted ? k : k + 1);
    table[end] = at(table, end) + 1;
  }
  return { partners, table, journeys: used, conversions };
}

/** Gauss-Jordan elimination with partial pivoting of a row-major n x n matrix, which it overwrites. */
function invert(m: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(at(m, r * n + col)) > Math.abs(at(m, pivot * n + col))) pivot = r;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) {
        [m[col * n + c], m[pivot * n + c]] = [at(m, pivot * n + c), at(m, col * n + c)];
        [inv[col * n + c], inv[pivot * n + c]] = [at(inv, pivot * n + c), at(inv, col * n + c)];
      }
    }
    const scale = 1 / at(m, col * n + col);
    for (let c = 0; c < n; c++) {
      m[col * n + c] = at(m, col * n + c) * scale;
      inv[col * n + c] = at(inv, col * n + c) * scale;
    }
    for (let r = 0; r < n; r++) {
      const factor = at(m, r * n + col);
      if (r === col || factor === 0) continue;
      for (let c = 0; c < n; c++) {
        m[r * n + c] = at(m, r * n + c) - factor * at(m, col * n + c);
        inv[r * n + c] = at(inv, r * n + c) - factor * at(inv, col * n + c);
      }
    }
  }
  return inv;
}

/**
 * Removal effects from one matrix inversion instead of one solve per partner. With N = (I - Q)^-1 the fundamental
 * matrix, v = N b the conversion probability from each partner and r = s N the expected visits from the start:
 * P = s . v, and a conversion either never visits X or first reaches X (probability r_X / N_XX) and converts
 * from there (v_X). Removing X (its transitions go to null) loses exactly the second kind, so
 * P - P_without_X = (r_X / N_XX) v_X.
 */
function removalEffects(counts: Counts): { conversionProbability: number; effects: number[] } {
  const { partners, table } = counts;
  const k = partners.length;
  const width = k + 2;
  const rowTotal = (row: number) => table.subarray(row * width, (row + 1) * width).reduce((sum, x) => sum + x, 0);
  const start = Array.from({ length: k }, (_, j) => at(table, j) / rowTotal(0));
  const toConversion: number[] = [];
  const m = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const row = (i + 1) * width;
    const total = rowTotal(i + 1);
    for (let j = 0; j < k; j++) m[i * k + j] = (i === j ? 1 : 0) - at(table, row + j) / total;
    toConversion.push(at(table, row + k) / total);
  }
  const n = invert(m, k);
  const v = Array.from({ length: k }, (_, i) => toConversion.reduce((sum, b, j) => sum + at(n, i * k + j) * b, 0));
  const visits = Array.from({ length: k }, (_, j) => start.reduce((sum, s, i) => sum + s * at(n, i * k + j), 0));
  const conversionProbability = start.reduce((sum, s, i) => sum + s * (v[i] ?? 0), 0);
  const effects = v.map((vx, x) => {
    if (conversionProbability <= 0) return 0;
    const reach = (visits[x] ?? 0) / at(n, x * k + x);
    return Math.min(1, Math.max(0, (reach * vx) / conversionProbability));
  });
  return { conversionProbability, effects };
}

/**
 * Learns partner weights for the data-driven model from journeys, by the removal effect of each partner in a
 * first-order Markov chain start -> partners -> conversion | null. Cost: one pass over the clicks, then O(k^3) in
 * the number k of distinct partners.
 */
export function learnRemovalEffects(journeys: readonly Journey[], opts: { minConversions?: number } = {}): LearnedWeights {
  const minConversions = opts.minConversions ?? DEFAULT_MIN_CONVERSIONS;
  const counts = countTransitions(journeys);
  const base = { journeys: counts.journeys, conversions: counts.conversions };
  if (counts.conversions === 0) return { ...base, weights: {}, sufficient: false };

  const { conversionProbability, effects } = removalEffects(counts);
  const total = effects.reduce((sum, e) => sum + e, 0);
  if (!(conversionProbability > 0) || !(total > 0)) return { ...base, weights: {}, sufficient: false };

  // fromEntries defines own properties, so even an id such as "__proto__" stays a plain key.
  const weights: Record<string, number> = Object.fromEntries(counts.partners.map((p, i) => [p, (effects[i] ?? 0) / total]));
  return { ...base, weights, sufficient: counts.conversions >= minConversions };
}
