import { and, countDistinct, desc, eq, inArray, max, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { ledgerEntries } from "@/db/schema";

/** A commission's entries fold into one group; an entry of no commission (an adjustment) is a group of its own. */
const groupKey = sql<string>`coalesce(${ledgerEntries.commissionId}, ${ledgerEntries.id})`;

/**
 * Every entry that touches a partner, with its reason, grouped by commission: newest change first, a page of
 * commissions at a time (a paid commission is five entries, which would otherwise read as five earnings).
 * Nothing about their earnings changes without a line here.
 */
export async function listLedger(db: DbOrTx, f: { partnerId: string; limit: number; offset: number }) {
  const where = eq(ledgerEntries.partnerId, f.partnerId);
  const [groups, [total]] = await Promise.all([
    db.select({ key: groupKey, last: max(ledgerEntries.seq) }).from(ledgerEntries).where(where).groupBy(groupKey).orderBy(desc(max(ledgerEntries.seq))).limit(f.limit).offset(f.offset),
    db.select({ n: countDistinct(groupKey) }).from(ledgerEntries).where(where),
  ]);
  const keys = groups.map((g) => g.key);
  const entries = keys.length
    ? await db
        .select({ id: ledgerEntries.id, type: ledgerEntries.type, bucket: ledgerEntries.bucket, amount: ledgerEntries.amount, currency: ledgerEntries.currency, reason: ledgerEntries.reason, source: ledgerEntries.source, commissionId: ledgerEntries.commissionId, payoutBatchId: ledgerEntries.payoutBatchId, createdAt: ledgerEntries.createdAt, key: groupKey })
        .from(ledgerEntries)
        .where(and(where, inArray(groupKey, keys)))
        .orderBy(desc(ledgerEntries.seq))
    : [];
  const items = keys.map((key) => {
    const history = entries.filter((e) => e.key === key);
    return { key, commissionId: history[0]?.commissionId ?? null, entries: history };
  });
  return { items, total: total?.n ?? 0 };
}
