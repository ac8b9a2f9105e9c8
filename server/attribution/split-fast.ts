import type { Credit } from "@/server/money/split";
import { compareIds } from "@/server/shared/compare-ids";
import { splitAmount } from "@/server/money/split";

/** Parts per 10^12, as in split.ts, as a double (exact: below 2^53). */
const PARTS = 1e12;
const HALF_PARTS = 1e6;
/**
 * Totals up to 2^33 minor units keep every product below 2^53: |total| x (a part's upper or lower half,
 * at most 10^6) + 10^12 < 8.6 x 10^15.
 */
const MAX_TOTAL = 2 ** 33;
/** Credits far from under- and overflow, so that the relative error bound below holds. */
const MIN_CREDIT = 2 ** -900;
const MAX_SUM = 2 ** 900;
const UNIT_ROUNDOFF = 2 ** -53;

/** The reference, in the shape of the fast path: each credit's partner's amount as a number. */
function referenceAmounts(total: number, credits: readonly Credit[]): number[] {
  const byPartner = new Map(splitAmount(BigInt(total), credits).map((s) => [s.partnerId, Number(s.amount)]));
  return credits.map((c) => byPartner.get(c.partnerId) ?? 0);
}

/**
 * `candidates` by key, largest first, ties to the lowest partner id: the order in which largest-remainder
 * rounding hands out units. An insertion sort, as there are only a few partners.
 */
function ranked(keys: readonly number[], credits: readonly Credit[], candidates: readonly number[]): number[] {
  const order = candidates.slice();
  for (let k = 1; k < order.length; k++) {
    const i = order[k]!;
    let at = k;
    for (; at > 0; at--) {
      const j = order[at - 1]!;
      if (keys[j]! > keys[i]! || (keys[j] === keys[i] && compareIds(credits[j]!.partnerId, credits[i]!.partnerId) < 0)) break;
      order[at] = j;
    }
    order[at] = i;
  }
  return order;
}

/**
 * `splitAmount(BigInt(total), credits)` as numbers, one per credit in the order given (0 for no share),
 * without BigInt for the common case: the simulator splits hundreds of thousands of amounts.
 *
 * Credits to parts per 10^12 (creditParts) is computed in doubles, with a bound on the rounding error, and
 * is taken only when that bound settles every floor and which parts get the units left over. Otherwise it
 * falls back to splitAmount: a quota within the bound of a whole number (rational credits such as 1/2 give
 * exact whole numbers), unequal credits whose remainders lie within the bound of each other, extreme
 * credits or totals, a partner named twice. Parts to money is exact integer arithmetic in doubles. Always
 * equal to splitAmount: split-fast.test.ts checks it against the reference on random and adversarial input.
 */
export function splitAmountFast(total: number, credits: readonly Credit[]): number[] {
  const n = credits.length;
  const amounts = new Array<number>(n).fill(0);
  if (!Number.isSafeInteger(total) || Math.abs(total) > MAX_TOTAL) return referenceAmounts(total, credits);
  const positive: number[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const credit = credits[i]!.credit;
    // Invalid credits: splitAmount says why. A partner named twice: splitAmount merges the entries.
    if (!(credit >= 0 && credit < Infinity) || (credit > 0 && credit < MIN_CREDIT)) return referenceAmounts(total, credits);
    for (let j = 0; j < i; j++) if (credits[j]!.partnerId === credits[i]!.partnerId) return referenceAmounts(total, credits);
    if (credit === 0) continue;
    positive.push(i);
    sum += credit;
  }
  if (total === 0 || positive.length === 0) return amounts;
  if (positive.length === 1) {
    amounts[positive[0]!] = total;
    return amounts;
  }
  if (sum > MAX_SUM) return referenceAmounts(total, credits);

  // Credits to parts. quota = 10^12 x credit / sum has relative error at most (m + 1) u (one rounding in
  // the product and the quotient each, m - 1 in the sum of m positive terms), so absolute error below
  // (m + 1) u 10^12; `err` doubles that.
  const m = positive.length;
  const err = 2 * (m + 1) * UNIT_ROUNDOFF * PARTS;
  const parts = new Array<number>(n).fill(0);
  const fractions = new Array<number>(n).fill(0);
  let leftover = PARTS;
  for (const i of positive) {
    const quota = (PARTS * credits[i]!.credit) / sum;
    const floor = Math.floor(quota);
    const fraction = quota - floor;
    // Too close to a whole number to know the floor.
    if (fraction <= err || fraction >= 1 - err) return referenceAmounts(total, credits);
    parts[i] = floor;
    fractions[i] = fraction;
    leftover -= floor;
  }
  if (leftover < 0 || leftover >= m) return referenceAmounts(total, credits);
  if (leftover > 0) {
    const order = ranked(fractions, credits, positive);
    // Each part given a unit must have a larger exact remainder than each not given one, or an equal one
    // and a lower id; equal credits have equal remainders, and their computed fractions are equal too.
    for (let a = 0; a < leftover; a++) {
      const i = order[a]!;
      for (let b = leftover; b < m; b++) {
        const j = order[b]!;
        if (fractions[i]! - fractions[j]! <= 2 * err && credits[i]!.credit !== credits[j]!.credit) return referenceAmounts(total, credits);
      }
      parts[i]!++;
    }
  }

  // Parts to money, exactly: |total| x part = |total| x (high x 10^6 + low), each product below 2^53.
  const magnitude = Math.abs(total);
  const remainders = new Array<number>(n).fill(0);
  const paid: number[] = [];
  let units = magnitude;
  for (const i of positive) {
    const part = parts[i]!;
    if (part === 0) continue;
    paid.push(i);
    const low = part % HALF_PARTS;
    const highProduct = magnitude * ((part - low) / HALF_PARTS);
    const highRemainder = highProduct % HALF_PARTS;
    const rest = highRemainder * HALF_PARTS + magnitude * low;
    const restRemainder = rest % PARTS;
    const floor = (highProduct - highRemainder) / HALF_PARTS + (rest - restRemainder) / PARTS;
    amounts[i] = floor;
    remainders[i] = restRemainder;
    units -= floor;
  }
  if (units > 0) {
    const order = ranked(remainders, credits, paid);
    for (let a = 0; a < units; a++) amounts[order[a]!]!++;
  }
  if (total < 0) for (const i of paid) amounts[i] = amounts[i] === 0 ? 0 : -amounts[i]!;
  return amounts;
}
