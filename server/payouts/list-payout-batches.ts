import { count, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { partners, payoutBatches, payoutBatchPartners } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { reversedInBatch } from "./create-payout-batch";
import { describePayoutDetails } from "./payout-details";

export async function listPayoutBatches(db: DbOrTx, f: { limit: number; offset: number }) {
  const [items, [total]] = await Promise.all([
    db.select().from(payoutBatches).orderBy(desc(payoutBatches.id)).limit(f.limit).offset(f.offset),
    db.select({ n: count() }).from(payoutBatches),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** One batch with its partner lines (payout details as copied when it was made). */
export async function getPayoutBatch(db: DbOrTx, batchId: string) {
  const [batch] = await db.select().from(payoutBatches).where(eq(payoutBatches.id, batchId));
  if (!batch) throw new DomainError("NOT_FOUND", "payout batch not found");
  const lines = await db
    .select({ partnerId: payoutBatchPartners.partnerId, name: partners.name, amount: payoutBatchPartners.amount, currency: payoutBatchPartners.currency, method: payoutBatchPartners.method, details: payoutBatchPartners.details })
    .from(payoutBatchPartners)
    .innerJoin(partners, eq(partners.id, payoutBatchPartners.partnerId))
    .where(eq(payoutBatchPartners.batchId, batchId))
    .orderBy(partners.name);
  // while the batch can still pay them: commissions reversed after it took their approval
  const reversed = batch.status === "draft" || batch.status === "approved" ? await reversedInBatch(db, batchId) : [];
  return { batch, lines: lines.map((l) => ({ ...l, paidTo: describePayoutDetails(l.details) })), reversed };
}

/** The batches that paid (or were to pay) one partner, with their line: the portal's payout history. */
export async function listPartnerPayouts(db: DbOrTx, partnerId: string) {
  return db
    .select({ batchId: payoutBatches.id, status: payoutBatches.status, reference: payoutBatches.reference, createdAt: payoutBatches.createdAt, paidAt: payoutBatches.paidAt, amount: payoutBatchPartners.amount, currency: payoutBatchPartners.currency, method: payoutBatchPartners.method })
    .from(payoutBatchPartners)
    .innerJoin(payoutBatches, eq(payoutBatches.id, payoutBatchPartners.batchId))
    .where(eq(payoutBatchPartners.partnerId, partnerId))
    .orderBy(desc(payoutBatches.id));
}
