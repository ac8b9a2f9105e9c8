import { and, asc, count, desc, eq, gt, inArray, lte, ne, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { commissions, conversions, ledgerEntries, offers, partners, type FraudStatus, type LedgerEntryType } from "@/db/schema";
import { entryTypesFor, lastEntryType, statusOf, type CommissionStatus } from "./commission-status";
import { DAY_MS } from "@/server/time/days";

export type CommissionFilter = {
  /** Set for a partner's own view: the query is scoped to this partner in SQL. */
  partnerId?: string;
  /** A manager's user id: only the commissions of partners assigned to them. */
  managerScope?: string | null;
  status?: CommissionStatus;
  offerId?: string;
  /** Only commissions whose date (the conversion's time, as the lists show it) is at least this many days ago. */
  minAgeDays?: number;
  /** `flagged`: any fraud status but clear; or one status exactly. */
  fraud?: "flagged" | FraudStatus;
  /** Only commissions whose hold has ended (approvable now), or only those still on hold. */
  hold?: "ended" | "on_hold";
  sort?: "newest" | "oldest" | "amount";
  limit: number;
  offset: number;
  now?: Date;
};


export async function listCommissions(db: DbOrTx, f: CommissionFilter) {
  const where: SQL[] = [];
  if (f.partnerId) where.push(eq(commissions.partnerId, f.partnerId));
  if (f.managerScope) where.push(inArray(commissions.partnerId, db.select({ id: partners.id }).from(partners).where(eq(partners.managerUserId, f.managerScope))));
  if (f.status) where.push(inArray(lastEntryType, entryTypesFor(f.status)));
  if (f.offerId) where.push(eq(commissions.offerId, f.offerId));
  const now = f.now ?? new Date();
  if (f.minAgeDays) where.push(lte(commissions.occurredAt, new Date(now.getTime() - f.minAgeDays * DAY_MS)));
  if (f.fraud === "flagged") where.push(ne(conversions.fraudStatus, "clear"));
  else if (f.fraud) where.push(eq(conversions.fraudStatus, f.fraud));
  if (f.hold === "on_hold") where.push(gt(commissions.holdUntil, now));
  if (f.hold === "ended") where.push(lte(commissions.holdUntil, now));
  const cond = where.length ? and(...where) : undefined;
  // by the date the lists show (commissions_occurred_idx); the id breaks ties so pages never overlap
  const order =
    f.sort === "oldest" ? [asc(commissions.occurredAt), asc(commissions.id)] : f.sort === "amount" ? [desc(commissions.amount), desc(commissions.occurredAt), desc(commissions.id)] : [desc(commissions.occurredAt), desc(commissions.id)];

  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: commissions.id,
        kind: commissions.kind,
        lines: commissions.lines,
        holdUntil: commissions.holdUntil,
        fraudStatus: conversions.fraudStatus,
        offerId: commissions.offerId,
        amount: commissions.amount,
        currency: commissions.currency,
        createdAt: commissions.createdAt,
        partnerId: commissions.partnerId,
        partnerName: partners.name,
        offerName: offers.name,
        event: conversions.event,
        txnId: conversions.txnId,
        conversionId: conversions.id,
        occurredAt: commissions.occurredAt,
        last: lastEntryType,
      })
      .from(commissions)
      .innerJoin(partners, eq(partners.id, commissions.partnerId))
      .innerJoin(offers, eq(offers.id, commissions.offerId))
      .leftJoin(conversions, eq(conversions.id, commissions.conversionId))
      .where(cond)
      .orderBy(...order)
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(commissions).leftJoin(conversions, eq(conversions.id, commissions.conversionId)).where(cond),
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
