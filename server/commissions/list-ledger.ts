import { count, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { ledgerEntries } from "@/db/schema";

/** Every entry that touches a partner, newest first, with its reason: nothing about their earnings changes without a line here. */
export async function listLedger(db: DbOrTx, f: { partnerId: string; limit: number; offset: number }) {
  const where = eq(ledgerEntries.partnerId, f.partnerId);
  const [items, [total]] = await Promise.all([
    db
      .select({ id: ledgerEntries.id, type: ledgerEntries.type, bucket: ledgerEntries.bucket, amount: ledgerEntries.amount, currency: ledgerEntries.currency, reason: ledgerEntries.reason, source: ledgerEntries.source, commissionId: ledgerEntries.commissionId, payoutBatchId: ledgerEntries.payoutBatchId, createdAt: ledgerEntries.createdAt })
      .from(ledgerEntries)
      .where(where)
      .orderBy(desc(ledgerEntries.seq))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(ledgerEntries).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}
