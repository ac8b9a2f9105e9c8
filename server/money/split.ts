import { compareIds } from "@/server/shared/compare-ids";

/** `credit` is in (0, 1]; the credits of one result sum to 1 up to floating-point rounding. */
export type Credit = { partnerId: string; credit: number };

export type Share = { partnerId: string; amount: bigint };

/** Credits become parts per 10^12 before money is split, so a split is explainable in exact integers. */
export const PARTS = 1_000_000_000_000n;

type Quota = { partnerId: string; weight: bigint };

const bits = new DataView(new ArrayBuffer(8));

/** A finite double >= 0 is exactly `numerator / 2^exponent`: read from its IEEE 754 bits, no loop. */
function exactFraction(x: number): { numerator: bigint; exponent: number } {
  if (x === 0) return { numerator: 0n, exponent: 0 };
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  const lo = bits.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  // normal numbers carry an implicit leading 1; subnormals do not
  let exponent = biased === 0 ? 1074 : 1075 - biased;
  if (biased !== 0) mantissa |= 1n << 52n;
  // Strip factors of two so that integers come out with exponent 0 and denominators stay small.
  while (exponent > 0 && (mantissa & 1n) === 0n) {
    mantissa >>= 1n;
    exponent--;
  }
  if (exponent < 0) return { numerator: mantissa << BigInt(-exponent), exponent: 0 };
  return { numerator: mantissa, exponent };
}

/** Credits as exact integer weights over one common power-of-two denominator, merged per partner. */
function exactWeights(credits: readonly Credit[]): Quota[] {
  for (const c of credits) {
    if (!Number.isFinite(c.credit) || c.credit < 0) throw new RangeError(`credit of ${c.partnerId} must be a finite number >= 0, got ${c.credit}`);
  }
  const fractions = credits.filter((c) => c.credit > 0).map((c) => ({ partnerId: c.partnerId, ...exactFraction(c.credit) }));
  const maxExponent = Math.max(0, ...fractions.map((f) => f.exponent));
  const merged = new Map<string, bigint>();
  for (const f of fractions) {
    merged.set(f.partnerId, (merged.get(f.partnerId) ?? 0n) + (f.numerator << BigInt(maxExponent - f.exponent)));
  }
  return [...merged].map(([partnerId, weight]) => ({ partnerId, weight }));
}

/**
 * Largest remainder (Hamilton): each gets floor(target * weight / sum), and the units left over (fewer than the
 * number of quotas) go one each to the largest exact remainders, ties to the lowest partnerId.
 */
function largestRemainder(quotas: readonly Quota[], target: bigint): Quota[] {
  const sum = quotas.reduce((s, q) => s + q.weight, 0n);
  if (sum === 0n) return [];
  const floors = quotas.map((q) => ({ partnerId: q.partnerId, floor: (target * q.weight) / sum, remainder: (target * q.weight) % sum }));
  let leftover = target - floors.reduce((s, f) => s + f.floor, 0n);
  const ranked = [...floors].sort((a, b) => (a.remainder === b.remainder ? compareIds(a.partnerId, b.partnerId) : a.remainder > b.remainder ? -1 : 1));
  const result: Quota[] = [];
  for (const f of ranked) {
    const extra = leftover > 0n ? 1n : 0n;
    leftover -= extra;
    result.push({ partnerId: f.partnerId, weight: f.floor + extra });
  }
  return result;
}

/** Credits as integer parts per 10^12 that sum to exactly PARTS (empty when no credit is positive). */
export function creditParts(credits: readonly Credit[]): Quota[] {
  return largestRemainder(exactWeights(credits), PARTS)
    .filter((q) => q.weight > 0n)
    .sort((a, b) => compareIds(a.partnerId, b.partnerId));
}

/**
 * Split `total` minor units (bigint, may be negative e.g. refunds, or 0) over credits with largest-remainder rounding.
 * The amounts sum exactly to `total`. A negative total splits its absolute value and negates it, so a full refund
 * reverses each partner's share of the sale exactly.
 */
export function splitAmount(total: bigint, credits: readonly Credit[]): Share[] {
  // One partner with credit gets it all (the common single-touch case, without the exact arithmetic).
  const positive = credits.filter((c) => c.credit > 0);
  if (positive.length === 1 && Number.isFinite(positive[0]!.credit) && credits.every((c) => c.credit >= 0)) {
    return total === 0n ? [] : [{ partnerId: positive[0]!.partnerId, amount: total }];
  }
  const sign = total < 0n ? -1n : 1n;
  return largestRemainder(creditParts(credits), total * sign)
    .filter((q) => q.weight !== 0n)
    .map((q) => ({ partnerId: q.partnerId, amount: q.weight * sign }))
    .sort((a, b) => compareIds(a.partnerId, b.partnerId));
}
