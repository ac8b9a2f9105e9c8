import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { offers } from "@/db/schema";
import { getBalances } from "@/server/commissions/get-balances";
import { getPayoutDetails } from "./payout-details";
import { payoutSchedules, thresholdFor } from "./payout-settings";

/**
 * What the partner's payouts page shows: their payout details, the default schedule with its minimum in every
 * currency they can earn in (the active offers') or hold money in, and each program that pays on its own
 * schedule and minimums (that program's money is batched on them).
 */
export async function partnerPayoutTerms(db: DbOrTx, partnerId: string) {
  const [schedules, balances, offerCurrencies, details] = await Promise.all([
    payoutSchedules(db),
    getBalances(db, partnerId),
    db.selectDistinct({ currency: offers.currency, programId: offers.programId }).from(offers).where(eq(offers.status, "active")),
    getPayoutDetails(db, partnerId),
  ]);
  const currencies = [...new Set([...offerCurrencies.map((o) => o.currency), ...balances.map((b) => b.currency)])].sort();
  const [fallback, ...own] = schedules;
  return {
    details,
    thresholds: currencies.map((c) => ({ currency: c, minimum: thresholdFor(fallback?.settings, c) })),
    schedule: fallback?.settings.schedule ?? null,
    programs: own
      .filter((s) => offerCurrencies.some((o) => o.programId === s.programId))
      .map((s) => ({
        name: s.programName ?? "",
        schedule: s.settings.schedule,
        thresholds: [...new Set(offerCurrencies.filter((o) => o.programId === s.programId).map((o) => o.currency))].sort().map((c) => ({ currency: c, minimum: thresholdFor(s.settings, c) })),
      })),
  };
}
