import { formatBp, formatMoney } from "./format";
import { mulBp } from "./rounding";
import type { NgrCarryover } from "./types";

export type NgrMonthInput = {
  currency: string;
  rateBp: number;
  carryover: NgrCarryover;
  /** The negative balance carried from last month (0 or below); only `carry_forward` uses it. */
  previousCarry: bigint;
  /** NGR per customer for the month; several lines of one customer are added up first. */
  lines: readonly { customerId: string; ngr: bigint }[];
};

export type NgrMonthResult = { ngrTotal: bigint; base: bigint; commission: bigint; carryOut: bigint; statement: string[] };

const max0 = (v: bigint) => (v > 0n ? v : 0n);
const min0 = (v: bigint) => (v < 0n ? v : 0n);

function byCustomer(lines: NgrMonthInput["lines"]): Map<string, bigint> {
  const totals = new Map<string, bigint>();
  for (const l of lines) totals.set(l.customerId, (totals.get(l.customerId) ?? 0n) + l.ngr);
  return totals;
}

/**
 * Settles one month of NGR revenue share for one partner. `ngrTotal` is always the plain sum of the month's NGR;
 * the policy decides the `base` the rate is applied to:
 *
 * - `carry_forward`: base = ngrTotal + previousCarry. A negative base pays 0 and is carried whole into next month
 *   (carryOut = min(0, base)), so the partner earns nothing until the house has won its losses back. Commissions
 *   already paid are never clawed back.
 * - `reset_monthly`: base = ngrTotal. Customers still net against each other within the month (a big winner
 *   cancels a loser's NGR), but a negative month is forgotten: carryOut is 0 and previousCarry is dropped.
 * - `none`: base = the sum of each customer's NGR floored at 0. No netting at all, neither between customers
 *   nor between months; carryOut is 0.
 *
 * commission = rate × max(0, base), banker's rounding to the minor unit (rounding.ts), once per month.
 * The statement shows each step with its numbers, for the partner's monthly report.
 */
export function settleNgrMonth(input: NgrMonthInput): NgrMonthResult {
  const { currency, rateBp, carryover, previousCarry } = input;
  if (previousCarry > 0n) throw new RangeError(`a carried NGR balance is never positive, got ${previousCarry}`);
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > 10_000) throw new RangeError(`an NGR rate must be 0 to 10000 bp, got ${rateBp}`);
  const money = (v: bigint) => formatMoney(v, currency);
  const customers = byCustomer(input.lines);
  const ngrTotal = [...customers.values()].reduce((s, v) => s + v, 0n);
  const statement = [`NGR this month: ${money(ngrTotal)} from ${customers.size} customer${customers.size === 1 ? "" : "s"}`];

  let base: bigint;
  if (carryover === "carry_forward") {
    base = ngrTotal + previousCarry;
    statement.push(`Base: ${money(ngrTotal)} + carried ${money(previousCarry)} = ${money(base)}`);
  } else if (carryover === "reset_monthly") {
    base = ngrTotal;
    const dropped = previousCarry < 0n ? `; the ${money(previousCarry)} carried from earlier months is dropped` : "";
    statement.push(`Base: ${money(base)} (carry-over resets every month${dropped})`);
  } else {
    const negatives = [...customers.values()].filter((v) => v < 0n);
    base = [...customers.values()].reduce((s, v) => s + max0(v), 0n);
    const one = negatives.length === 1;
    const floored = negatives.length === 0 ? "" : `; ${negatives.length} customer${one ? "" : "s"} with ${money(negatives.reduce((s, v) => s + v, 0n))} ${one ? "counts" : "count"} as 0`;
    statement.push(`Base: ${money(base)} (negative NGR is not netted${floored})`);
  }

  const commission = mulBp(max0(base), rateBp);
  const carryOut = carryover === "carry_forward" ? min0(base) : 0n;
  statement.push(`Commission: ${formatBp(rateBp)} × max(0, ${money(base)}) = ${money(commission)}`);
  statement.push(`Carried to next month: ${money(carryOut)}`);
  return { ngrTotal, base, commission, carryOut, statement };
}
