import { and, eq, inArray, isNull, notExists, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { newId } from "@/db/ids";
import { ledgerEntries, partnerPayoutDetails, partners, payoutBatches, payoutBatchItems, payoutBatchPartners, programs, type PayoutSettings } from "@/db/schema";
import { DomainError, isUniqueViolation } from "@/server/errors";
import { minorDigits } from "@/server/money/currency";

/** A currency without its own threshold: 50 major units (50.00 USD, 50 JPY). */
export const DEFAULT_THRESHOLD_MAJOR = 50;

export function thresholdFor(settings: PayoutSettings | undefined, currency: string): number {
  return settings?.thresholds[currency] ?? DEFAULT_THRESHOLD_MAJOR * 10 ** minorDigits(currency);
}

/** The operator's payout settings (the first program's: one operator runs one payout process). */
export async function payoutSettings(db: DbOrTx): Promise<PayoutSettings | undefined> {
  const [p] = await db.select({ s: programs.payoutSettings }).from(programs).orderBy(programs.createdAt).limit(1);
  return p?.s;
}

/** Approved-balance entries that no live batch holds: approvals (+), reversals and adjustments (±). Payout entries are the batches' own. */
const unbatched = (db: DbOrTx) =>
  and(
    eq(ledgerEntries.bucket, "approved"),
    inArray(ledgerEntries.type, ["approval", "reversal", "adjustment"]),
    notExists(db.select({ one: sql`1` }).from(payoutBatchItems).where(and(eq(payoutBatchItems.ledgerEntryId, ledgerEntries.id), isNull(payoutBatchItems.releasedAt)))),
  );

export type PayableRow = { partnerId: string; name: string; balance: number; entries: number; hasDetails: boolean; threshold: number; due: boolean };

/** Per partner in `currency`: the approved balance not yet in a batch, and whether a batch would pay it now. */
export async function payable(db: DbOrTx, currency: string): Promise<PayableRow[]> {
  const threshold = thresholdFor(await payoutSettings(db), currency);
  const rows = await db
    .select({ partnerId: ledgerEntries.partnerId, name: partners.name, balance: sql<string>`sum(${ledgerEntries.amount})::text`, entries: sql<number>`count(*)::int`, hasDetails: sql<boolean>`bool_or(${partnerPayoutDetails.partnerId} is not null)` })
    .from(ledgerEntries)
    .innerJoin(partners, eq(partners.id, ledgerEntries.partnerId))
    .leftJoin(partnerPayoutDetails, eq(partnerPayoutDetails.partnerId, ledgerEntries.partnerId))
    .where(and(eq(ledgerEntries.currency, currency), unbatched(db)))
    .groupBy(ledgerEntries.partnerId, partners.name)
    .orderBy(partners.name);
  return rows.map((r) => {
    const balance = Number(r.balance);
    return { partnerId: r.partnerId, name: r.name, balance, entries: r.entries, hasDetails: r.hasDetails, threshold, due: balance >= threshold && balance > 0 && r.hasDetails };
  });
}

export type CreatedBatch = { batchId: string | null; itemCount: number; partnerCount: number; total: number; skipped: { partnerId: string; name: string; reason: string }[] };

/**
 * Gathers, for one currency, every partner whose unbatched approved balance reaches the threshold and who has
 * payout details, into a draft batch: their entries (approvals, and the reversals and adjustments that net
 * against them) and one line per partner with the details copied. Partners left out are listed with why.
 * Serialised per currency by an advisory lock; the partial unique index on items is the last guard against
 * an entry being paid twice.
 */
export async function createPayoutBatch(db: Db, input: { currency: string; actorId: string | null; period?: string; now?: Date }): Promise<CreatedBatch> {
  const now = input.now ?? new Date();
  try {
    return await db.transaction((tx) => createIn(tx, input, now));
  } catch (err) {
    if (isUniqueViolation(err, "payout_batches_period_uq")) throw new DomainError("CONFLICT", `the ${input.period} ${input.currency} batch already exists`);
    if (isUniqueViolation(err)) throw new DomainError("CONFLICT", "another payout batch took these entries at the same time; refresh and try again");
    throw err;
  }
}

async function createIn(tx: Tx, input: { currency: string; actorId: string | null; period?: string }, now: Date): Promise<CreatedBatch> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`payout-batch:${input.currency}`}))`);
  const rows = await payable(tx, input.currency);
  const skipped = rows
    .filter((r) => !r.due && r.balance > 0)
    .map((r) => ({ partnerId: r.partnerId, name: r.name, reason: !r.hasDetails ? "no payout details" : "below the minimum payout" }));
  const due = rows.filter((r) => r.due);
  if (due.length === 0) {
    if (input.period) return { batchId: null, itemCount: 0, partnerCount: 0, total: 0, skipped };
    throw new DomainError("BAD_REQUEST", `no partner has an approved ${input.currency} balance at or above the minimum payout with payout details`);
  }
  const ids = due.map((d) => d.partnerId);
  const entries = await tx
    .select({ id: ledgerEntries.id, partnerId: ledgerEntries.partnerId, commissionId: ledgerEntries.commissionId, amount: ledgerEntries.amount })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.currency, input.currency), inArray(ledgerEntries.partnerId, ids), unbatched(tx)))
    .orderBy(ledgerEntries.seq);
  const details = await tx.select().from(partnerPayoutDetails).where(inArray(partnerPayoutDetails.partnerId, ids));
  const detailsOf = new Map(details.map((d) => [d.partnerId, d]));
  const amountOf = new Map<string, number>();
  for (const e of entries) amountOf.set(e.partnerId, (amountOf.get(e.partnerId) ?? 0) + e.amount);
  const total = [...amountOf.values()].reduce((a, b) => a + b, 0);

  const batchId = newId("payoutBatch", now.getTime());
  await tx.insert(payoutBatches).values({ id: batchId, currency: input.currency, status: "draft", total, itemCount: entries.length, partnerCount: ids.length, createdBy: input.actorId, period: input.period ?? null, scheduled: !!input.period, createdAt: now });
  await tx.insert(payoutBatchPartners).values(
    ids.map((partnerId) => {
      const d = detailsOf.get(partnerId)!;
      return { batchId, partnerId, amount: amountOf.get(partnerId) ?? 0, currency: input.currency, method: d.method, details: d.details };
    }),
  );
  await tx.insert(payoutBatchItems).values(entries.map((e) => ({ batchId, ledgerEntryId: e.id, commissionId: e.commissionId, partnerId: e.partnerId, amount: e.amount, currency: input.currency })));
  return { batchId, itemCount: entries.length, partnerCount: ids.length, total, skipped };
}
