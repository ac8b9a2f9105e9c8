import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { ledgerEntries, payoutBatches, payoutBatchItems, payoutBatchPartners, type PayoutBatchStatus } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { issueBatchInvoices } from "@/server/payouts/issue-invoices";
import { notify } from "@/server/notifications/notify";
import { formatMoney } from "@/server/commissions/plans/format";
import { emitWebhooks, money } from "@/server/webhooks/emit";
import { reversedInBatch } from "./create-payout-batch";

async function lockBatch(tx: Tx, batchId: string, allowed: PayoutBatchStatus[], action: string) {
  const [batch] = await tx.select().from(payoutBatches).where(eq(payoutBatches.id, batchId)).for("update");
  if (!batch) throw new DomainError("NOT_FOUND", "payout batch not found");
  if (!allowed.includes(batch.status)) throw new DomainError("CONFLICT", `a ${batch.status} batch cannot be ${action}`);
  return batch;
}

/**
 * Draft -> approved: the batch has been checked and may be paid. Refused while it holds a commission reversed
 * since it was made: refreshing the draft nets it out first.
 */
export async function approvePayoutBatch(db: Db, input: { batchId: string; actorId: string; now?: Date }) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const batch = await lockBatch(tx, input.batchId, ["draft"], "approved");
    const stale = await reversedInBatch(tx, batch.id);
    if (stale.length > 0) {
      const [n, it] = stale.length === 1 ? ["1 commission in this draft was", "it is"] : [`${stale.length} commissions in this draft were`, "they are"];
      throw new DomainError("CONFLICT", `${n} reversed after it was made: refresh the draft so ${it} not paid, then approve it`);
    }
    await tx.update(payoutBatches).set({ status: "approved", approvedBy: input.actorId, approvedAt: now }).where(eq(payoutBatches.id, batch.id));
    const data = { payout_batch_id: batch.id, status: "approved", total: money(batch.total, batch.currency), item_count: batch.itemCount, partner_count: batch.partnerCount, approved_at: now.toISOString() };
    await emitWebhooks(tx, [{ type: "payout_batch.approved", data }], now);
    return { batchId: batch.id, status: "approved" as const };
  });
}

/**
 * Approved -> paid, with the payment reference. Each item moves from the approved balance to paid as a pair of
 * entries in one transaction: approvals as the commission's payout, and the reversals and adjustments it nets
 * as payout entries of their own (so a commission is never marked paid twice). A commission whose approval and
 * reversal are both in the batch cancels out: nothing of it is paid, and it stays reversed.
 */
export async function markBatchPaid(db: Db, input: { batchId: string; reference: string; actorId: string; now?: Date }) {
  const reference = input.reference.trim();
  if (reference.length < 2) throw new DomainError("BAD_REQUEST", "a payment reference is required", "reference");
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const batch = await lockBatch(tx, input.batchId, ["approved"], "marked paid (approve it first)");
    const items = await tx
      .select({ partnerId: payoutBatchItems.partnerId, commissionId: payoutBatchItems.commissionId, amount: payoutBatchItems.amount, currency: payoutBatchItems.currency, type: ledgerEntries.type })
      .from(payoutBatchItems)
      .innerJoin(ledgerEntries, eq(ledgerEntries.id, payoutBatchItems.ledgerEntryId))
      .where(and(eq(payoutBatchItems.batchId, batch.id), isNull(payoutBatchItems.releasedAt)));
    const base = { type: "payout" as const, source: "payout" as const, actorId: input.actorId, payoutBatchId: batch.id, createdAt: now };
    const approved = new Set(items.filter((i) => i.type === "approval").map((i) => i.commissionId));
    const cancelled = new Set(items.filter((i) => i.type === "reversal" && i.commissionId !== null && approved.has(i.commissionId)).map((i) => i.commissionId));
    const moved = items.filter((i) => !((i.type === "approval" || i.type === "reversal") && cancelled.has(i.commissionId)));
    if (moved.length > 0) await tx.insert(ledgerEntries).values(
      moved.flatMap((i) => {
        const commissionId = i.type === "approval" ? i.commissionId : null;
        const reason = i.type === "approval" ? `payout ${batch.id} (ref ${reference})` : `${i.type} netted in payout ${batch.id} (ref ${reference})`;
        return [
          { ...base, reason, partnerId: i.partnerId, commissionId, bucket: "approved" as const, amount: -i.amount, currency: i.currency },
          { ...base, reason, partnerId: i.partnerId, commissionId, bucket: "paid" as const, amount: i.amount, currency: i.currency },
        ];
      }),
    );
    await tx.update(payoutBatches).set({ status: "paid", reference, paidBy: input.actorId, paidAt: now }).where(eq(payoutBatches.id, batch.id));
    // each partner's self-billing invoice is numbered and stored with the payment, or neither happens
    await issueBatchInvoices(tx, batch.id, input.actorId, now);
    const lines = await tx.select().from(payoutBatchPartners).where(eq(payoutBatchPartners.batchId, batch.id));
    const paid = {
      payout_batch_id: batch.id,
      status: "paid",
      reference,
      total: money(batch.total, batch.currency),
      paid_at: now.toISOString(),
      partners: lines.map((l) => ({ partner_id: l.partnerId, ...money(l.amount, l.currency) })),
    };
    await emitWebhooks(tx, [{ type: "payout_batch.paid", data: paid }], now);
    await notify(
      tx,
      lines.map((l) => ({ partnerId: l.partnerId, kind: "payout_paid", title: `Payout sent: ${formatMoney(BigInt(l.amount), l.currency)}`, body: `Payment reference ${reference}. Your statement lists every commission it covers.`, href: `/portal/payouts/${batch.id}` })),
      now,
    );
    return { batchId: batch.id, paidItems: items.length };
  });
}

/**
 * Draft or approved -> failed: nothing was paid. The batch's entries are released, so they count in the
 * partners' balances again and the next batch takes them; the batch itself stays, with the reason.
 */
export async function markBatchFailed(db: Db, input: { batchId: string; reason: string; actorId: string; now?: Date }) {
  const reason = input.reason.trim();
  if (reason.length < 3) throw new DomainError("BAD_REQUEST", "say why the payment failed", "reason");
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const batch = await lockBatch(tx, input.batchId, ["draft", "approved"], "marked failed");
    await tx.update(payoutBatchItems).set({ releasedAt: now }).where(and(eq(payoutBatchItems.batchId, batch.id), isNull(payoutBatchItems.releasedAt)));
    await tx.update(payoutBatches).set({ status: "failed", failureReason: reason, failedAt: now }).where(eq(payoutBatches.id, batch.id));
    const lines = await tx.select({ partnerId: payoutBatchPartners.partnerId }).from(payoutBatchPartners).where(eq(payoutBatchPartners.batchId, batch.id));
    await notify(tx, lines.map((l) => ({ partnerId: l.partnerId, kind: "payout_failed", title: "A payout could not be sent", body: `${reason}. The amount is back in your approved balance and goes out with the next payout.`, href: "/portal/earnings" })), now);
    return { batchId: batch.id, status: "failed" as const };
  });
}

