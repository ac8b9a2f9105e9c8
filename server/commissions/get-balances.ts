import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { ledgerEntries, LEDGER_BUCKETS, type LedgerBucket } from "@/db/schema";

export type Balance = { currency: string } & Record<LedgerBucket, number>;

/** Balances are sums of the ledger, per currency and bucket; nothing is converted between currencies. */
export async function getBalances(db: DbOrTx, partnerId?: string): Promise<Balance[]> {
  const rows = await db
    .select({
      currency: ledgerEntries.currency,
      bucket: ledgerEntries.bucket,
      // sum(bigint) is numeric: read it as text and convert exactly
      total: sql<string>`sum(${ledgerEntries.amount})::text`,
    })
    .from(ledgerEntries)
    .where(partnerId ? eq(ledgerEntries.partnerId, partnerId) : undefined)
    .groupBy(ledgerEntries.currency, ledgerEntries.bucket);

  const byCurrency = new Map<string, Balance>();
  for (const r of rows) {
    const b = byCurrency.get(r.currency) ?? { currency: r.currency, pending: 0, approved: 0, paid: 0 };
    if ((LEDGER_BUCKETS as readonly string[]).includes(r.bucket)) b[r.bucket] = Number(r.total);
    byCurrency.set(r.currency, b);
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
