import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { conversions } from "@/db/schema";
import { REVERSING_EVENTS } from "@/server/shared/conversion-events";
import { accrueVersion, loadAccrualInput, type AccrualOutcome } from "./accrue-commission";
import { PlanBook, type BookSource } from "./plan-book";
import { noteOf } from "./quote";
import { reverseTransaction } from "./refund";

/**
 * Prices a conversion under each credited partner's plan and accrues the shares as pending commissions, in one
 * transaction. A refund or chargeback instead reverses the commissions of the transaction it names. A retried
 * job never accrues or reverses twice.
 */
export async function accrueCommission(db: Db, conversionId: string, now = new Date()): Promise<AccrualOutcome> {
  return db.transaction((tx) => accrueCommissionIn(tx, conversionId, now));
}

/**
 * The same in the caller's transaction: a fraud review that clears a conversion accrues with its decision. `books`
 * finds the plans (the plan what-if pins partners to draft terms and rolls the transaction back).
 */
export async function accrueCommissionIn(tx: Tx, conversionId: string, now: Date, books: BookSource = PlanBook.load): Promise<AccrualOutcome> {
  const row = await loadAccrualInput(tx, conversionId);
  if (!row) throw new Error(`conversion ${conversionId} not found`);
  if ((REVERSING_EVENTS as readonly string[]).includes(row.event)) return reverseTransaction(tx, row, now, books);
  if (row.status !== "attributed" || !row.partnerId) return { accrued: false, reason: "conversion is not attributed to a partner" };
  if (row.fraudStatus === "rejected") {
    await tx.update(conversions).set({ commissionNote: "rejected by fraud checks" }).where(eq(conversions.id, row.id));
    return { accrued: false, reason: "rejected by fraud checks" };
  }
  const credits = row.credits ?? [{ partnerId: row.partnerId, credit: 1 }];
  const book = await books(tx, row.programId);
  const { accrued, shares, quotes } = await accrueVersion(tx, row, book, credits, row.version ?? 1, now);
  const headline = accrued.find((s) => s.partnerId === row.partnerId) ?? accrued[0];
  if (!headline) return { accrued: false, reason: noteOf(quotes, shares) ?? "nothing earned" };
  return { accrued: true, commissionId: headline.commissionId, commissions: accrued, amount: accrued.reduce((s, a) => s + a.amount, 0), currency: shares[0]!.plan!.terms.currency };
}
