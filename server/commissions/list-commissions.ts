import { and, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { commissions, conversions, ledgerEntries, offers, partners, type LedgerEntryType } from "@/db/schema";
import { entryTypesFor, lastEntryType, statusOf, type CommissionStatus } from "./commission-status";

export type CommissionFilter = {
  /** Set for a partner's own view: the query is scoped to this partner in SQL. */
  partnerId?: string;
  status?: CommissionStatus;
  limit: number;
  offset: number;
};

export async function listCommissions(db: DbOrTx, f: CommissionFilter) {
  const where: SQL[] = [];
  if (f.partnerId) where.push(eq(commissions.partnerId, f.partnerId));
  if (f.status) where.push(inArray(lastEntryType, entryTypesFor(f.status)));
  const cond = where.length ? and(...where) : undefined;

  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: commissions.id,
        amount: commissions.amount,
        currency: commissions.currency,
        createdAt: commissions.createdAt,
        partnerId: commissions.partnerId,
        partnerName: partners.name,
        offerName: offers.name,
        event: conversions.event,
        txnId: conversions.txnId,
        conversionId: conversions.id,
        occurredAt: conversions.occurredAt,
        last: lastEntryType,
      })
      .from(commissions)
      .innerJoin(partners, eq(partners.id, commissions.partnerId))
      .innerJoin(offers, eq(offers.id, commissions.offerId))
      .innerJoin(conversions, eq(conversions.id, commissions.conversionId))
      .where(cond)
      .orderBy(desc(commissions.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(commissions).where(cond),
  ]);

  // The latest entry's reason explains the current status (e.g. why it was rejected).
  const ids = rows.map((r) => r.id);
  const reasons = ids.length
    ? await db
        .selectDistinctOn([ledgerEntries.commissionId], { commissionId: ledgerEntries.commissionId, reason: ledgerEntries.reason, at: ledgerEntries.createdAt })
        .from(ledgerEntries)
        .where(inArray(ledgerEntries.commissionId, ids))
        .orderBy(ledgerEntries.commissionId, desc(ledgerEntries.seq))
    : [];
  const reasonOf = new Map(reasons.map((r) => [r.commissionId, r]));

  return {
    total: total?.n ?? 0,
    items: rows.map(({ last, ...r }) => ({
      ...r,
      status: statusOf(last as LedgerEntryType | null),
      statusReason: reasonOf.get(r.id)?.reason ?? null,
      statusAt: reasonOf.get(r.id)?.at ?? r.createdAt,
    })),
  };
}
