import { minorDigits } from "@/server/money/currency";
import { parseAmount } from "@/server/money/parse-amount";

/**
 * A decimal the user typed ("250", "19.99", "-10.00") as exact minor units, or a message that says how to write
 * it. parseAmount does the exact conversion; only its wording is adapted to a form field.
 */
export function parseMoneyInput(text: string, currency: string, { allowNegative = false } = {}): { ok: true; minor: number } | { ok: false; message: string } {
  const digits = minorDigits(currency);
  const example = digits > 0 ? `250.${"0".repeat(digits)}` : "250";
  const trimmed = text.trim().replace(/^\+/, "");
  if (trimmed === "") return { ok: false, message: "Enter an amount" };
  const r = parseAmount(trimmed, currency, { allowNegative });
  if (r.ok) return r;
  if (r.message.includes("decimal places")) return { ok: false, message: digits > 0 ? `Use at most ${digits} decimals for ${currency}, e.g. ${example}` : `${currency} has no decimals: write e.g. ${example}` };
  if (r.message.includes("negative")) return { ok: false, message: "Must not be negative" };
  if (r.message.includes("too large")) return { ok: false, message: "Too large" };
  return { ok: false, message: `Enter an amount such as ${example}${allowNegative ? ` or -${example}` : ""}, without thousands separators` };
}
