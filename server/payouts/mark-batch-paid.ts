import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ledgerEntries, payoutBatchItems, payoutBatches } from "@/db/schema";
import { DomainError } from "@/server/errors";

/** Marks a draft batch paid: each item moves approved -> paid in the ledger, all in one transaction. */
export async function markBatchPaid(db: Db, input: { batchId: string; reference: string; actorId: string; now?: Date }) {
  const reference = input.reference.trim();
  if (reference.length < 2) throw new DomainError("BAD_REQUEST", "a payment reference is required", "reference");
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [batch] = await tx.select().from(payoutBatches).where(eq(payoutBatches.id, input.batchId)).for("update");
    if (!batch) throw new DomainError("NOT_FOUND", "payout batch not found");
    if (batch.status !== "draft") throw new DomainError("CONFLICT", `payout batch is already ${batch.status}`);

    const items = await tx.select().from(payoutBatchItems).where(eq(payoutBatchItems.batchId, batch.id));
    const reason = `payout ${batch.id} (ref ${reference})`;
    const base = { type: "payout" as const, source: "payout" as const, actorId: input.actorId, payoutBatchId: batch.id, reason, createdAt: now };
    await tx.insert(ledgerEntries).values(
      items.flatMap((i) => [
        { ...base, partnerId: i.partnerId, commissionId: i.commissionId, bucket: "approved" as const, amount: -i.amount, currency: i.currency },
        { ...base, partnerId: i.partnerId, commissionId: i.commissionId, bucket: "paid" as const, amount: i.amount, currency: i.currency },
      ]),
    );
    await tx
      .update(payoutBatches)
      .set({ status: "paid", reference, paidBy: input.actorId, paidAt: now })
      .where(and(eq(payoutBatches.id, batch.id), eq(payoutBatches.status, "draft")));
    return { batchId: batch.id, paidItems: items.length };
  });
}
