import { and, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { attributions, commissions, conversions, ledgerEntries, offers, type RecordedShare } from "@/db/schema";
import { splitAmount } from "@/server/attribution/split";

export type AccruedShare = { commissionId: string; partnerId: string; amount: number; credit: number };

export type AccrualOutcome =
  | { accrued: true; commissionId: string; commissions: AccruedShare[]; amount: number; currency: string }
  | { accrued: false; reason: string };

type Plan = { offerId: string; event: string; total: number; currency: string; version: number; credits: RecordedShare[] };

/**
 * Writes a conversion's commissions for one attribution version: the total split over the partners by
 * credit (largest remainder, so the shares add up to the cent), a commission and an accrual entry each.
 * Partners whose share rounds to zero get nothing. The unique (conversion, partner, version) index makes
 * a second run a no-op.
 */
export async function accrueShares(tx: DbOrTx, conversionId: string, plan: Plan, now: Date): Promise<AccruedShare[]> {
  const shares = splitAmount(BigInt(plan.total), plan.credits);
  const credit = new Map(plan.credits.map((c) => [c.partnerId, c.credit]));
  const out: AccruedShare[] = [];
  for (const share of shares) {
    const amount = Number(share.amount);
    const commissionId = newId("commission", now.getTime());
    const partnerCredit = credit.get(share.partnerId) ?? 0;
    const inserted = await tx
      .insert(commissions)
      .values({ id: commissionId, conversionId, partnerId: share.partnerId, offerId: plan.offerId, amount, currency: plan.currency, attributionVersion: plan.version, credit: partnerCredit, createdAt: now })
      .onConflictDoNothing({ target: [commissions.conversionId, commissions.partnerId, commissions.attributionVersion] })
      .returning({ id: commissions.id });
    if (inserted.length === 0) {
      const [existing] = await tx
        .select({ id: commissions.id, amount: commissions.amount })
        .from(commissions)
        .where(and(eq(commissions.conversionId, conversionId), eq(commissions.partnerId, share.partnerId), eq(commissions.attributionVersion, plan.version)));
      if (!existing) throw new Error("commission conflict without a row");
      out.push({ commissionId: existing.id, partnerId: share.partnerId, amount: existing.amount, credit: partnerCredit });
      continue;
    }
    const pct = plan.credits.length > 1 ? ` (${(partnerCredit * 100).toFixed(1)}% of ${plan.total} by attribution)` : "";
    await tx.insert(ledgerEntries).values({
      partnerId: share.partnerId,
      commissionId,
      type: "accrual",
      bucket: "pending",
      amount,
      currency: plan.currency,
      reason: `CPA for ${plan.event}${pct}`,
      source: "conversion",
      createdAt: now,
    });
    out.push({ commissionId, partnerId: share.partnerId, amount, credit: partnerCredit });
  }
  return out;
}

/** The commission total a conversion earns on its offer: the flat CPA on the offer's commission event. */
export function commissionTotal(event: string, offer: { commissionEvent: string; cpaAmount: number }): { total: number } | { reason: string } {
  if (event !== offer.commissionEvent) return { reason: `event "${event}" does not earn on this offer (it pays on "${offer.commissionEvent}")` };
  if (offer.cpaAmount <= 0) return { reason: "offer pays nothing for this event" };
  return { total: offer.cpaAmount };
}

/**
 * Accrues the offer's CPA as pending commissions for the partners the current attribution credits. The
 * commissions and their accrual entries are written in one transaction; a retried job never accrues twice.
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
      version: attributions.version,
      credits: attributions.credits,
    })
    .from(conversions)
    .innerJoin(offers, eq(offers.id, conversions.offerId))
    .leftJoin(attributions, and(eq(attributions.conversionId, conversions.id), isNull(attributions.supersededAt)))
    .where(eq(conversions.id, conversionId));
  if (!row) throw new Error(`conversion ${conversionId} not found`);
  if (row.status !== "attributed" || !row.partnerId) return { accrued: false, reason: "conversion is not attributed to a partner" };
  const earned = commissionTotal(row.event, row);
  if ("reason" in earned) return { accrued: false, reason: earned.reason };
  const credits = row.credits ?? [{ partnerId: row.partnerId, credit: 1 }];
  const version = row.version ?? 1;

  const shares = await db.transaction((tx) => accrueShares(tx, conversionId, { offerId: row.offerId, event: row.event, total: earned.total, currency: row.currency, version, credits }, now));
  const headline = shares.find((s) => s.partnerId === row.partnerId) ?? shares[0];
  if (!headline) return { accrued: false, reason: "every partner's share rounds to zero" };
  return { accrued: true, commissionId: headline.commissionId, commissions: shares, amount: earned.total, currency: row.currency };
}
