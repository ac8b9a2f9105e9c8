import { and, asc, eq, isNull, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { commissions, conversions, ledgerEntries, offers, partners, payoutBatches, payoutBatchItems, payoutBatchPartners } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { describePayoutDetails } from "./payout-details";

/**
 * One partner's statement for one batch: where the money went, and every entry it pays or nets with its
 * reason and, for commissions, the lines of their computation. A partner asks with their own id only (the
 * portal passes the session's), so the query cannot show another partner's lines.
 */
export async function getStatement(db: DbOrTx, batchId: string, partnerId: string) {
  const [head] = await db
    .select({ batch: payoutBatches, line: payoutBatchPartners, partnerName: partners.name })
    .from(payoutBatchPartners)
    .innerJoin(payoutBatches, eq(payoutBatches.id, payoutBatchPartners.batchId))
    .innerJoin(partners, eq(partners.id, payoutBatchPartners.partnerId))
    .where(and(eq(payoutBatchPartners.batchId, batchId), eq(payoutBatchPartners.partnerId, partnerId)));
  if (!head) throw new DomainError("NOT_FOUND", "No statement for this payout");
  const items = await db
    .select({
      entryId: ledgerEntries.id,
      type: ledgerEntries.type,
      reason: ledgerEntries.reason,
      entryAt: ledgerEntries.createdAt,
      amount: payoutBatchItems.amount,
      released: payoutBatchItems.releasedAt,
      commissionId: commissions.id,
      kind: commissions.kind,
      lines: commissions.lines,
      offerName: offers.name,
      event: conversions.event,
      txnId: conversions.txnId,
      occurredAt: conversions.occurredAt,
    })
    .from(payoutBatchItems)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, payoutBatchItems.ledgerEntryId))
    .leftJoin(commissions, eq(commissions.id, payoutBatchItems.commissionId))
    .leftJoin(offers, eq(offers.id, commissions.offerId))
    .leftJoin(conversions, eq(conversions.id, commissions.conversionId))
    .innerJoin(payoutBatches, eq(payoutBatches.id, payoutBatchItems.batchId))
    // a refreshed draft released what it held before; a failed batch released everything at once, and shows it
    .where(and(eq(payoutBatchItems.batchId, batchId), eq(payoutBatchItems.partnerId, partnerId), or(isNull(payoutBatchItems.releasedAt), eq(payoutBatchItems.releasedAt, payoutBatches.failedAt))))
    .orderBy(asc(ledgerEntries.seq));
  const { batch, line } = head;
  return {
    batch: { id: batch.id, status: batch.status, currency: batch.currency, reference: batch.reference, createdAt: batch.createdAt, paidAt: batch.paidAt, failureReason: batch.failureReason, period: batch.period },
    partner: { id: partnerId, name: head.partnerName },
    amount: line.amount,
    currency: line.currency,
    paidTo: describePayoutDetails(line.details),
    items,
  };
}
