import { minorDigits } from "./currency";

/** 20000 USD -> "$200.00". Exact: the minor units are split with integer arithmetic, not divided as floats. */
export function formatMoney(minor: number, currency: string, locale = "en-US"): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const abs = Math.abs(minor);
  const scale = 10 ** digits;
  const whole = Math.trunc(abs / scale);
  const frac = abs - whole * scale;
  const decimal = digits > 0 ? `${whole}.${String(frac).padStart(digits, "0")}` : String(whole);
  // Intl accepts a decimal string and keeps it exact (no binary rounding).
  const text = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits }).format(
    decimal as unknown as number,
  );
  return negative ? `-${text}` : text;
}
