import { minorDigits } from "@/server/money/currency";

/**
 * 123456n USD -> "1,234.56". Exact: the minor units are split with bigint arithmetic, never divided as floats.
 * No currency symbol and a fixed "en" shape, so statements read the same on every server and in every test.
 */
export function formatMinor(amount: bigint, currency: string): string {
  const digits = minorDigits(currency);
  const abs = amount < 0n ? -amount : amount;
  const text = abs.toString().padStart(digits + 1, "0");
  const whole = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : "";
  return `${amount < 0n ? "-" : ""}${whole}${fraction}`;
}

/** 20000n USD -> "200.00 USD": the form every commission line and statement uses. */
export function formatMoney(amount: bigint, currency: string): string {
  return `${formatMinor(amount, currency)} ${currency}`;
}

/** 2500 -> "25%", 1250 -> "12.5%", 1 -> "0.01%". */
export function formatBp(bp: number): string {
  const sign = bp < 0 ? "-" : "";
  const abs = Math.abs(bp);
  const fraction = String(abs % 100).padStart(2, "0").replace(/0+$/, "");
  return `${sign}${Math.trunc(abs / 100)}${fraction ? `.${fraction}` : ""}%`;
}

/** Event types are lower-case identifiers; "ftd" is the one partners know as an acronym. */
export function eventLabel(type: string): string {
  return type === "ftd" ? "FTD" : type.replaceAll("_", " ");
}
