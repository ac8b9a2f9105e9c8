import { isKnownCurrency, minorDigits } from "./currency";

export type ParsedAmount = { ok: true; minor: number } | { ok: false; message: string };

const DECIMAL = /^(\d{1,15})(?:\.(\d+))?$/;

/**
 * Turns a decimal string ("200", "19.99") into exact integer minor units of `currency`, without floats.
 * Refuses exponents, a plus sign, a minus sign unless `allowNegative` (net gaming revenue can be negative), NaN, thousands separators and more decimals than the currency has.
 */
export function parseAmount(input: string, currency: string, opts: { allowNegative?: boolean } = {}): ParsedAmount {
  if (!isKnownCurrency(currency)) return { ok: false, message: `unknown currency "${currency}" (use an ISO 4217 code such as USD)` };
  let s = input.trim();
  const negative = s.startsWith("-");
  if (negative && !opts.allowNegative) return { ok: false, message: "amount must not be negative" };
  if (negative) s = s.slice(1);
  const m = DECIMAL.exec(s);
  if (!m) return { ok: false, message: `amount "${input}" is not a decimal number such as 19.99` };
  const digits = minorDigits(currency);
  const whole = m[1] ?? "0";
  const frac = m[2] ?? "";
  if (frac.length > digits) {
    return { ok: false, message: `amount "${input}" has more than ${digits} decimal places for ${currency}` };
  }
  const minor = Number(whole + frac.padEnd(digits, "0"));
  if (!Number.isSafeInteger(minor)) return { ok: false, message: `amount "${input}" is too large` };
  return { ok: true, minor: negative && minor !== 0 ? -minor : minor };
}
