import { and, eq, inArray, notExists, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { newId } from "@/db/ids";
import { commissions, payoutBatchItems, payoutBatches } from "@/db/schema";
import { DomainError, isUniqueViolation } from "@/server/errors";
import { entryTypesFor, lastEntryType } from "@/server/commissions/commission-status";

/**
 * Gathers every approved commission in `currency` that is in no batch yet into a draft batch. Batch
 * creation is serialised per currency by a transaction-scoped advisory lock, so a concurrent request waits
 * and then finds nothing left; the unique item index stays as the last guard.
 */
export async function createPayoutBatch(db: Db, input: { currency: string; actorId: string; now?: Date }) {
  const now = input.now ?? new Date();
  try {
    return await db.transaction((tx) => createIn(tx, input, now));
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("CONFLICT", "another payout batch took these commissions at the same time; refresh and try again");
    throw err;
  }
}

async function createIn(tx: Tx, input: { currency: string; actorId: string }, now: Date) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`payout-batch:${input.currency}`}))`);
  const due = await tx
    .select({ id: commissions.id, partnerId: commissions.partnerId, amount: commissions.amount, currency: commissions.currency })
    .from(commissions)
    .where(
      and(
        eq(commissions.currency, input.currency),
        inArray(lastEntryType, entryTypesFor("approved")),
        notExists(tx.select({ one: sql`1` }).from(payoutBatchItems).where(eq(payoutBatchItems.commissionId, commissions.id))),
      ),
    )
    .orderBy(commissions.id)
    .for("update");
  if (due.length === 0) throw new DomainError("BAD_REQUEST", `no approved ${input.currency} commissions are waiting for payout`);

  const batchId = newId("payoutBatch", now.getTime());
  await tx.insert(payoutBatches).values({
    id: batchId,
    currency: input.currency,
    status: "draft",
    total: due.reduce((s, c) => s + c.amount, 0),
    itemCount: due.length,
    partnerCount: new Set(due.map((c) => c.partnerId)).size,
    createdBy: input.actorId,
    createdAt: now,
  });
  await tx.insert(payoutBatchItems).values(due.map((c) => ({ batchId, commissionId: c.id, partnerId: c.partnerId, amount: c.amount, currency: c.currency })));
  return { batchId, itemCount: due.length };
}
