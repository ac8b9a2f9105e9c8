import { inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { commissions, ledgerEntries, type LedgerEntryType } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { lastEntryType, statusOf } from "./commission-status";

export type ReviewInput = { commissionIds: string[]; actorId: string; reason?: string; now?: Date };
export type ReviewResult = { changed: string[]; skipped: { id: string; status: string }[] };

async function lockPending(tx: Tx, ids: string[]) {
  // Row locks serialise concurrent reviewers of the same commission; the state is read after locking.
  const locked = await tx
    .select({ id: commissions.id, partnerId: commissions.partnerId, amount: commissions.amount, currency: commissions.currency })
    .from(commissions)
    .where(inArray(commissions.id, ids))
    .orderBy(commissions.id)
    .for("update");
  const withState = await tx
    .select({ id: commissions.id, last: lastEntryType })
    .from(commissions)
    .where(inArray(commissions.id, ids));
  const state = new Map(withState.map((r) => [r.id, statusOf(r.last as LedgerEntryType | null)]));
  const missing = ids.filter((id) => !state.has(id));
  if (missing.length > 0) throw new DomainError("NOT_FOUND", `commission ${missing[0]} not found`);
  return {
    pending: locked.filter((c) => state.get(c.id) === "pending"),
    skipped: locked.filter((c) => state.get(c.id) !== "pending").map((c) => ({ id: c.id, status: state.get(c.id) ?? "unknown" })),
  };
}

/** Approves pending commissions: each moves pending -> approved as a pair of ledger entries. */
export async function approveCommissions(db: Db, input: ReviewInput): Promise<ReviewResult> {
  const reason = input.reason?.trim() || "approved";
  return db.transaction(async (tx) => {
    const { pending, skipped } = await lockPending(tx, input.commissionIds);
    const now = input.now ?? new Date();
    const rows = pending.flatMap((c) => [
      { partnerId: c.partnerId, commissionId: c.id, type: "approval" as const, bucket: "pending" as const, amount: -c.amount, currency: c.currency, reason, source: "admin" as const, actorId: input.actorId, createdAt: now },
      { partnerId: c.partnerId, commissionId: c.id, type: "approval" as const, bucket: "approved" as const, amount: c.amount, currency: c.currency, reason, source: "admin" as const, actorId: input.actorId, createdAt: now },
    ]);
    if (rows.length > 0) await tx.insert(ledgerEntries).values(rows);
    return { changed: pending.map((c) => c.id), skipped };
  });
}

/** Rejects pending commissions with a reason the partner will see. The pending amount leaves the ledger. */
export async function rejectCommissions(db: Db, input: ReviewInput): Promise<ReviewResult> {
  const reason = input.reason?.trim();
  if (!reason || reason.length < 3) throw new DomainError("BAD_REQUEST", "a reason of at least 3 characters is required", "reason");
  return db.transaction(async (tx) => {
    const { pending, skipped } = await lockPending(tx, input.commissionIds);
    const now = input.now ?? new Date();
    if (pending.length > 0) {
      await tx.insert(ledgerEntries).values(
        pending.map((c) => ({ partnerId: c.partnerId, commissionId: c.id, type: "rejection" as const, bucket: "pending" as const, amount: -c.amount, currency: c.currency, reason, source: "admin" as const, actorId: input.actorId, createdAt: now })),
      );
    }
    return { changed: pending.map((c) => c.id), skipped };
  });
}
