import { isKnownCurrency } from "@/server/money/currency";
import { parseAmount } from "@/server/money/parse-amount";
import { isCleanText } from "@/server/text";

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (reason: string): Parsed<never> => ({ ok: false, reason });

/** An id, code or name from the file: at most `max` characters, no control characters. */
export function text(v: string, max = 200): Parsed<string> {
  if (v.length > max) return bad(`is longer than ${max} characters`);
  if (!isCleanText(v)) return bad("contains control characters");
  return ok(v);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function email(v: string): Parsed<string> {
  const e = v.trim().toLowerCase();
  return e.length <= 254 && EMAIL.test(e) ? ok(e) : bad(`"${v}" is not an e-mail address`);
}

export function currency(v: string): Parsed<string> {
  const c = v.trim().toUpperCase();
  return isKnownCurrency(c) ? ok(c) : bad(`"${v}" is not an ISO 4217 currency code such as USD`);
}

/** "12.50" in major units, or "1250" when the file gives minor units; thousands separators are refused, not guessed. */
export function money(v: string, cur: string, minorUnits: boolean, allowNegative: boolean): Parsed<number> {
  if (minorUnits) {
    if (!/^-?\d{1,15}$/.test(v)) return bad(`"${v}" is not a whole number of minor units (cents)`);
    const n = Number(v);
    if (n < 0 && !allowNegative) return bad("must not be negative");
    return ok(n === 0 ? 0 : n);
  }
  const r = parseAmount(v, cur, { allowNegative });
  return r.ok ? ok(r.minor) : bad(r.message);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** ISO 8601, "YYYY-MM-DD[ HH:MM[:SS]]" (read as UTC), or Unix seconds / milliseconds. Day-first dates are refused as ambiguous. */
export function date(v: string): Parsed<Date> {
  const s = v.trim();
  let d: Date | null = null;
  if (/^\d{9,10}$/.test(s)) d = new Date(Number(s) * 1000);
  else if (/^\d{12,13}$/.test(s)) d = new Date(Number(s));
  else {
    const m = LOCAL.exec(s);
    if (m) d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
    else if (/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:?\d{2})$/.test(s)) d = new Date(s);
  }
  if (!d || Number.isNaN(d.getTime())) return bad(`"${v}" is not a date (use ISO 8601 such as 2025-03-31 or 2025-03-31T12:00:00Z)`);
  if (d.getTime() > Date.now() + 86_400_000) return bad(`"${v}" is in the future`);
  return ok(d);
}

const CODE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** A tracking code of the old platform, as it appears in printed links; stored lower-case. */
export function linkCode(v: string): Parsed<string> {
  const c = v.trim().toLowerCase();
  if (c === "legacy") return bad('"legacy" is reserved (/r/legacy forwards old links)');
  return CODE.test(c) ? ok(c) : bad(`"${v}" cannot be a tracking code (letters, digits, ".", "_" and "-", at most 64)`);
}

const COUPON = /^[A-Za-z0-9_-]{1,64}$/;
export function couponCode(v: string): Parsed<string> {
  return COUPON.test(v.trim()) ? ok(v.trim().toUpperCase()) : bad(`"${v}" is not a coupon code (letters, digits, "_" and "-")`);
}
