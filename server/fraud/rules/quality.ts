import type { RuleSettings } from "./config";
import { hit, percent } from "./hit";
import type { FraudInput, RuleHit } from "./types";

/**
 * (refunds + chargebacks) / sales over `windowDays`, in integer basis-point maths. Trips when the rate is at or
 * above `thresholdBp` (inclusive: exactly 25% trips at 2500) and sales are at least `minSales` (inclusive).
 */
export function refundRate(input: FraudInput, settings: RuleSettings["refund_rate"]): RuleHit | null {
  const stats = input.stats?.refunds;
  if (!stats || stats.sales < settings.minSales || stats.sales <= 0) return null;
  const reversed = stats.refunds + stats.chargebacks;
  if (reversed * 10_000 < settings.thresholdBp * stats.sales) return null;
  const rateBp = (reversed * 10_000) / stats.sales;
  return hit(
    "refund_rate",
    settings.score,
    `${percent(rateBp)} of the partner's sales in ${settings.windowDays} days were refunded or charged back (${stats.refunds} refunds, ${stats.chargebacks} chargebacks of ${stats.sales}); the alert level is ${percent(settings.thresholdBp)}.`,
    { sales: stats.sales, refunds: stats.refunds, chargebacks: stats.chargebacks, rateBp: Math.round(rateBp), thresholdBp: settings.thresholdBp },
  );
}

/**
 * Share of the partner's registrations at least `afterDays` old that have no deposit. Trips when at or above
 * `thresholdBp` (inclusive) with at least `minRegistrations` matured registrations (inclusive).
 */
export function missingFollowUp(input: FraudInput, settings: RuleSettings["missing_follow_up"]): RuleHit | null {
  const stats = input.stats?.followUp;
  if (!stats || stats.matured < settings.minRegistrations || stats.matured <= 0) return null;
  if (stats.withoutDeposit * 10_000 < settings.thresholdBp * stats.matured) return null;
  const rateBp = (stats.withoutDeposit * 10_000) / stats.matured;
  return hit(
    "missing_follow_up",
    settings.score,
    `${percent(rateBp)} of the partner's registrations (${stats.withoutDeposit} of ${stats.matured}) made no deposit within ${settings.afterDays} days; the alert level is ${percent(settings.thresholdBp)}.`,
    { matured: stats.matured, withoutDeposit: stats.withoutDeposit, rateBp: Math.round(rateBp), thresholdBp: settings.thresholdBp },
  );
}
