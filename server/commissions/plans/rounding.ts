/** 1 basis point = 0.01%, so a rate in basis points is a ratio over 10,000. */
export const BP_SCALE = 10_000n;

/**
 * `amount × num / den` rounded to the nearest integer, ties to even (banker's rounding).
 *
 * Why half-to-even: a commission run applies a rate to thousands of events, and half-up would push every exact
 * tie (25% of an odd cent amount ending in 2, ...) the same way, a bias that grows with volume; floor would
 * shave up to a unit off every line, always against the partner. Ties to even are unbiased on average and
 * still deterministic, so a statement can be recomputed to the unit.
 *
 * Symmetric: the magnitude is rounded and the sign applied afterwards, so `mulRatio(-a, n, d) === -mulRatio(a, n, d)`
 * and reversing a commission (a refund, a chargeback) reverses exactly what was paid.
 */
export function mulRatio(amount: bigint, num: bigint, den: bigint): bigint {
  if (den === 0n) throw new RangeError("mulRatio: the denominator must not be 0");
  const product = amount * num;
  const negative = product < 0n !== den < 0n;
  const p = product < 0n ? -product : product;
  const d = den < 0n ? -den : den;
  const quotient = p / d;
  const twice = (p % d) * 2n;
  const rounded = twice > d || (twice === d && quotient % 2n === 1n) ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/** `amount × bp / 10,000` with banker's rounding (see `mulRatio`). `bp` must be an integer: rates are never fractional bp. */
export function mulBp(amount: bigint, bp: number): bigint {
  if (!Number.isSafeInteger(bp)) throw new RangeError(`a rate in basis points must be an integer, got ${bp}`);
  return mulRatio(amount, BigInt(bp), BP_SCALE);
}
