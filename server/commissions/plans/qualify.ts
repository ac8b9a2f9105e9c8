import { eventLabel, formatMoney } from "./format";
import type { CommissionEvent, Qualification, QualificationRules } from "./types";
import { DAY_MS } from "@/server/time/days";


const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export type QualifyContext = {
  /** The offer's currency, in which `minDeposit` is written. */
  currency: string;
  /** When the customer registered; needed only by `withinDaysOfRegistration`. */
  registeredAt?: Date | null;
  /** Whether this customer already earned a CPA on the offer (for any partner). */
  alreadyEarnedCpa: boolean;
};

/**
 * Whether an event qualifies for the offer's CPA. The reasons are shown to partners as they are, so they say what
 * happened in plain words with the numbers. The first failing rule wins, in this order: once per customer, the
 * registration window, the minimum deposit.
 *
 * Boundaries are inclusive: a deposit equal to the minimum qualifies, and so does an event exactly N × 24 h after
 * registration (to the millisecond); one millisecond later does not. An event stamped before the registration
 * (clock skew between the advertiser's systems) counts as within the window.
 */
export function qualify(rules: QualificationRules, event: CommissionEvent, ctx: QualifyContext): Qualification {
  const what = eventLabel(event.type);
  if (rules.oncePerCustomer && ctx.alreadyEarnedCpa) {
    return { ok: false, reason: `this customer already earned a CPA, and the offer pays one CPA per customer` };
  }
  const days = rules.withinDaysOfRegistration ?? null;
  if (days !== null) {
    if (!ctx.registeredAt) return { ok: false, reason: `the customer's registration time is unknown, and the offer pays only within ${plural(days, "day")} of registration` };
    const elapsed = event.occurredAt.getTime() - ctx.registeredAt.getTime();
    if (elapsed > days * DAY_MS) {
      return {
        ok: false,
        reason: `${what} at ${event.occurredAt.toISOString()} came more than ${plural(days, "day")} after registration at ${ctx.registeredAt.toISOString()}`,
      };
    }
  }
  const min = rules.minDeposit ?? null;
  if (min !== null && min > 0n) {
    const amount = event.amount ?? null;
    if (amount === null) return { ok: false, reason: `the ${what} reports no deposit amount, and the offer needs at least ${formatMoney(min, ctx.currency)}` };
    if (event.currency !== ctx.currency) return { ok: false, reason: `the deposit is in ${event.currency}, but the offer's ${formatMoney(min, ctx.currency)} minimum is in ${ctx.currency}` };
    if (amount < min) return { ok: false, reason: `deposit ${formatMoney(amount, ctx.currency)} is below the ${formatMoney(min, ctx.currency)} minimum for ${what}` };
  }
  return { ok: true };
}
