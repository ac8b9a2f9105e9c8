import { formatMoney } from "./format";
import { mulRatio } from "./rounding";
import type { CommissionLine, LotsTerms } from "./types";

/** Up to 9 whole digits and 2 decimals: brokers report volume in hundredths of a lot (0.01 = a micro lot). */
const LOTS = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** "1.25" -> 125n hundredths of a lot, exactly; undefined for anything that is not such a decimal. */
export function parseLots(text: string): bigint | undefined {
  const m = LOTS.exec(text.trim());
  if (!m) return undefined;
  return BigInt(m[1] ?? "0") * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
}

/**
 * The rebate for one trade: `ratePerLot × hundredths / 100`, banker's rounding like every other percentage
 * (rounding.ts). The instrument's group sets the rate; an instrument in no group takes the default rate, and
 * with no default it earns nothing and the reason says so.
 */
export function lotsLine(terms: LotsTerms, lots: string | null | undefined, instrument: string | null | undefined, currency: string): CommissionLine | { reason: string } {
  if (lots === null || lots === undefined) return { reason: "the trade reports no lots" };
  const hundredths = parseLots(lots);
  if (hundredths === undefined) return { reason: `lots "${lots.slice(0, 32)}" is not a number of lots with at most 2 decimals` };
  const symbol = instrument?.trim().toUpperCase() ?? "";
  if (symbol === "") return { reason: "the trade reports no instrument" };
  const group = terms.groups.find((g) => g.instruments.includes(symbol));
  const rate = group?.ratePerLot ?? terms.defaultRatePerLot ?? null;
  if (rate === null) return { reason: `no per-lot rate for ${symbol.slice(0, 32)}: no instrument group lists it and the plan has no default rate` };
  const amount = mulRatio(rate, hundredths, 100n);
  const source = group ? group.name : `default rate, ${symbol}`;
  return { component: "lots", basis: `${lots.trim()} lots × ${formatMoney(rate, currency)} (${source}) = ${formatMoney(amount, currency)}`, amount };
}
