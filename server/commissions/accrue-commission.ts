import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { commissions, conversions, ledgerEntries, offers } from "@/db/schema";

export type AccrualOutcome =
  | { accrued: true; commissionId: string; amount: number; currency: string }
  | { accrued: false; reason: string };

/**
 * Accrues the offer's flat CPA as a pending commission for the attributed partner. The commission and its
 * accrual entry are written in one transaction; the unique (conversion, partner) index makes a second run
 * a no-op, so a retried job never accrues twice.
 */
export async function accrueCommission(db: Db, conversionId: string, now = new Date()): Promise<AccrualOutcome> {
  const [row] = await db
    .select({
      event: conversions.event,
      status: conversions.attributionStatus,
      partnerId: conversions.partnerId,
      offerId: conversions.offerId,
      commissionEvent: offers.commissionEvent,
      cpaAmount: offers.cpaAmount,
      currency: offers.currency,
    })
    .from(conversions)
    .innerJoin(offers, eq(offers.id, conversions.offerId))
    .where(eq(conversions.id, conversionId));
  if (!row) throw new Error(`conversion ${conversionId} not found`);
  if (row.status !== "attributed" || !row.partnerId) return { accrued: false, reason: "conversion is not attributed to a partner" };
  if (row.event !== row.commissionEvent) {
    return { accrued: false, reason: `event "${row.event}" does not earn on this offer (it pays on "${row.commissionEvent}")` };
  }
  if (row.cpaAmount <= 0) return { accrued: false, reason: "offer pays nothing for this event" };
  const partnerId = row.partnerId;

  return db.transaction(async (tx) => {
    const commissionId = newId("commission", now.getTime());
    const inserted = await tx
      .insert(commissions)
      .values({ id: commissionId, conversionId, partnerId, offerId: row.offerId, amount: row.cpaAmount, currency: row.currency, createdAt: now })
      .onConflictDoNothing({ target: [commissions.conversionId, commissions.partnerId] })
      .returning({ id: commissions.id });
    if (inserted.length === 0) {
      const [existing] = await tx.select().from(commissions).where(eq(commissions.conversionId, conversionId));
      if (!existing) throw new Error("commission conflict without a row");
      return { accrued: true, commissionId: existing.id, amount: existing.amount, currency: existing.currency };
    }
    await tx.insert(ledgerEntries).values({
      partnerId,
      commissionId,
      type: "accrual",
      bucket: "pending",
      amount: row.cpaAmount,
      currency: row.currency,
      reason: `CPA for ${row.event}`,
      source: "conversion",
      createdAt: now,
    });
    return { accrued: true, commissionId, amount: row.cpaAmount, currency: row.currency };
  });
}
