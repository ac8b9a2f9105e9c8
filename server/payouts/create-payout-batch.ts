import { and, eq, inArray, isNull, notExists, sql } from "drizzle-orm";
import { rowsOf, type Db, type DbOrTx, type Tx } from "@/db/client";
import { newId } from "@/db/ids";
import { commissions, ledgerEntries, offers, partnerPayoutDetails, partners, payoutBatches, payoutBatchItems, payoutBatchPartners, programs } from "@/db/schema";
import { missingDocuments } from "@/server/documents/missing-documents";
import { DomainError, isUniqueViolation } from "@/server/errors";
import { payoutSchedules, thresholdFor } from "./payout-settings";

/** Approved-balance entries that no live batch holds: approvals (+), reversals and adjustments (±). Payout entries are the batches' own. */
const unbatched = (db: DbOrTx) =>
  and(
    eq(ledgerEntries.bucket, "approved"),
    inArray(ledgerEntries.type, ["approval", "reversal", "adjustment"]),
    notExists(db.select({ one: sql`1` }).from(payoutBatchItems).where(and(eq(payoutBatchItems.ledgerEntryId, ledgerEntries.id), isNull(payoutBatchItems.releasedAt)))),
  );

/** The schedule an entry is paid on: its program's id when that program has payout settings of its own, else null (the default). */
const scheduleOf = sql<string | null>`case when ${programs.payoutSettings} is not null then ${programs.id} end`;

/**
 * Which schedules to gather: one (a program's own, or null for the default), or all of them (undefined: a batch
 * made by hand takes every schedule, each partner's money at its schedule's minimum).
 */
export type ScheduleFilter = string | null | undefined;

export type PayableRow = {
  partnerId: string;
  name: string;
  /** The schedule this balance is paid on: a program with its own payout settings, or null for the default. */
  programId: string | null;
  programName: string | null;
  balance: number;
  entries: number;
  hasDetails: boolean;
  threshold: number;
  /** Required documents not approved: the partner is held until they are. */
  missingDocuments: string[];
  due: boolean;
};

/** Per partner and payout schedule in `currency`: the approved balance not yet in a batch, and whether a batch would pay it now (payout details, the minimum, and every required document approved). */
export async function payable(db: DbOrTx, currency: string, schedule?: ScheduleFilter): Promise<PayableRow[]> {
  const schedules = await payoutSchedules(db);
  const rows = await db
    .select({
      partnerId: ledgerEntries.partnerId,
      name: partners.name,
      programId: scheduleOf,
      programName: sql<string | null>`min(case when ${programs.payoutSettings} is not null then ${programs.name} end)`,
      balance: sql<string>`sum(${ledgerEntries.amount})::text`,
      entries: sql<number>`count(*)::int`,
      hasDetails: sql<boolean>`bool_or(${partnerPayoutDetails.partnerId} is not null)`,
    })
    .from(ledgerEntries)
    .innerJoin(partners, eq(partners.id, ledgerEntries.partnerId))
    .leftJoin(commissions, eq(commissions.id, ledgerEntries.commissionId))
    .leftJoin(offers, eq(offers.id, commissions.offerId))
    .leftJoin(programs, eq(programs.id, offers.programId))
    .leftJoin(partnerPayoutDetails, eq(partnerPayoutDetails.partnerId, ledgerEntries.partnerId))
    .where(and(eq(ledgerEntries.currency, currency), unbatched(db)))
    .groupBy(ledgerEntries.partnerId, partners.name, scheduleOf)
    .orderBy(partners.name, scheduleOf);
  const missing = await missingDocuments(db, [...new Set(rows.map((r) => r.partnerId))]);
  return rows
    .filter((r) => schedule === undefined || r.programId === schedule)
    .map((r) => {
      const balance = Number(r.balance);
      const settings = schedules.find((s) => s.programId === r.programId)?.settings ?? schedules[0]?.settings;
      const threshold = thresholdFor(settings, currency);
      const missingDocs = missing.get(r.partnerId) ?? [];
      return { partnerId: r.partnerId, name: r.name, programId: r.programId, programName: r.programName, balance, entries: r.entries, hasDetails: r.hasDetails, threshold, missingDocuments: missingDocs, due: balance >= threshold && balance > 0 && r.hasDetails && missingDocs.length === 0 };
    });
}

/** A scheduled batch names its period and schedule (`programId`, null for the default); one made by hand names neither. */
type BatchInput = { currency: string; actorId: string | null; period?: string; programId?: string | null; now?: Date };

export type CreatedBatch = { batchId: string | null; itemCount: number; partnerCount: number; total: number; skipped: { partnerId: string; name: string; reason: string }[] };

/**
 * Gathers, for one currency, every partner whose unbatched approved balance reaches the threshold and who has
 * payout details, into a draft batch: their entries (approvals, and the reversals and adjustments that net
 * against them) and one line per partner with the details copied. Partners left out are listed with why.
 * Serialised per currency by an advisory lock; the partial unique index on items is the last guard against
 * an entry being paid twice.
 */
export async function createPayoutBatch(db: Db, input: BatchInput): Promise<CreatedBatch> {
  const now = input.now ?? new Date();
  try {
    return await db.transaction((tx) => createIn(tx, input, now));
  } catch (err) {
    if (isUniqueViolation(err, "payout_batches_period_uq")) throw new DomainError("CONFLICT", `the ${input.period} ${input.currency} batch already exists`);
    if (isUniqueViolation(err)) throw new DomainError("CONFLICT", "another payout batch took these entries at the same time; refresh and try again");
    throw err;
  }
}

async function createIn(tx: Tx, input: BatchInput, now: Date): Promise<CreatedBatch> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`payout-batch:${input.currency}`}))`);
  const schedule = input.period ? (input.programId ?? null) : undefined;
  const g = await gather(tx, input.currency, schedule);
  if (g.due.length === 0) {
    if (input.period) return { batchId: null, itemCount: 0, partnerCount: 0, total: 0, skipped: g.skipped };
    throw new DomainError("BAD_REQUEST", `no partner has an approved ${input.currency} balance at or above the minimum payout with payout details`);
  }
  const batchId = newId("payoutBatch", now.getTime());
  await tx.insert(payoutBatches).values({ id: batchId, currency: input.currency, status: "draft", total: g.total, itemCount: g.entries.length, partnerCount: g.due.length, createdBy: input.actorId, period: input.period ?? null, scheduled: !!input.period, programId: schedule ?? null, createdAt: now });
  await writeLines(tx, batchId, input.currency, g);
  return { batchId, itemCount: g.entries.length, partnerCount: g.due.length, total: g.total, skipped: g.skipped };
}

type Gathered = Awaited<ReturnType<typeof gather>>;

/** Why a partner with a positive balance is not in the batch, every reason at once. */
function skipReason(r: PayableRow): string {
  const reasons = [
    ...(r.hasDetails ? [] : ["no payout details"]),
    ...(r.balance < r.threshold ? [`below the minimum payout${r.programName ? ` of ${r.programName}` : ""}`] : []),
    ...(r.missingDocuments.length > 0 ? [`documents not approved: ${r.missingDocuments.join(", ")}`] : []),
  ];
  return reasons.join("; ");
}

/**
 * What a batch in `currency` takes now: the partners due on the schedule(s), their unbatched entries on a due
 * schedule and payout details, and who is left out (per schedule, so a partner can be paid one program's money
 * while another program's waits for its own minimum).
 */
async function gather(tx: Tx, currency: string, schedule: ScheduleFilter) {
  const rows = await payable(tx, currency, schedule);
  const skipped = rows
    .filter((r) => !r.due && r.balance > 0)
    .map((r) => ({ partnerId: r.partnerId, name: r.name, reason: skipReason(r) }));
  const dueKeys = new Set(rows.filter((r) => r.due).map((r) => `${r.partnerId} ${r.programId ?? ""}`));
  const due = [...new Set(rows.filter((r) => r.due).map((r) => r.partnerId))];
  if (due.length === 0) return { due, skipped, entries: [], detailsOf: new Map<string, typeof partnerPayoutDetails.$inferSelect>(), amountOf: new Map<string, number>(), total: 0 };
  const candidates = await tx
    .select({ id: ledgerEntries.id, partnerId: ledgerEntries.partnerId, commissionId: ledgerEntries.commissionId, amount: ledgerEntries.amount, programId: scheduleOf })
    .from(ledgerEntries)
    .leftJoin(commissions, eq(commissions.id, ledgerEntries.commissionId))
    .leftJoin(offers, eq(offers.id, commissions.offerId))
    .leftJoin(programs, eq(programs.id, offers.programId))
    .where(and(eq(ledgerEntries.currency, currency), inArray(ledgerEntries.partnerId, due), unbatched(tx)))
    .orderBy(ledgerEntries.seq);
  const entries = candidates.filter((e) => dueKeys.has(`${e.partnerId} ${e.programId ?? ""}`));
  const details = await tx.select().from(partnerPayoutDetails).where(inArray(partnerPayoutDetails.partnerId, due));
  const amountOf = new Map<string, number>();
  for (const e of entries) amountOf.set(e.partnerId, (amountOf.get(e.partnerId) ?? 0) + e.amount);
  const total = [...amountOf.values()].reduce((a, b) => a + b, 0);
  return { due, skipped, entries, detailsOf: new Map(details.map((d) => [d.partnerId, d])), amountOf, total };
}

/** One line per partner with the payout details copied, and the entries the batch holds. */
async function writeLines(tx: Tx, batchId: string, currency: string, g: Gathered) {
  await tx.insert(payoutBatchPartners).values(
    g.due.map((partnerId) => {
      const d = g.detailsOf.get(partnerId)!;
      return { batchId, partnerId, amount: g.amountOf.get(partnerId) ?? 0, currency, method: d.method, details: d.details };
    }),
  );
  await tx.insert(payoutBatchItems).values(g.entries.map((e) => ({ batchId, ledgerEntryId: e.id, commissionId: e.commissionId, partnerId: e.partnerId, amount: e.amount, currency })));
}

export type ReversedInBatch = { commissionId: string; partnerId: string; name: string; amount: number; reason: string; reversedAt: Date };

/**
 * Commissions whose approval a live batch holds but which were reversed afterwards (a refund, a chargeback, a
 * fraud rejection): the reversal is not in the batch, so paying the batch would pay them. A draft with any
 * cannot be approved until it is refreshed; an approved batch pays them and the next payout nets the reversal.
 */
export async function reversedInBatch(db: DbOrTx, batchId: string): Promise<ReversedInBatch[]> {
  const rows = rowsOf<{ commission_id: string; partner_id: string; name: string; amount: string; reason: string; reversed_at: string | Date }>(
    await db.execute(sql`
      select i.commission_id, i.partner_id, p.name, i.amount::text as amount, r.reason, r.created_at as reversed_at
      from payout_batch_items i
      join ledger_entries a on a.id = i.ledger_entry_id and a.type = 'approval'
      join ledger_entries r on r.commission_id = i.commission_id and r.type = 'reversal' and r.bucket = 'approved'
      join partners p on p.id = i.partner_id
      where i.batch_id = ${batchId} and i.released_at is null
        and not exists (select 1 from payout_batch_items j where j.ledger_entry_id = r.id and j.batch_id = ${batchId} and j.released_at is null)
      order by r.seq`),
  );
  return rows.map((r) => ({ commissionId: r.commission_id, partnerId: r.partner_id, name: r.name, amount: Number(r.amount), reason: r.reason, reversedAt: r.reversed_at instanceof Date ? r.reversed_at : new Date(r.reversed_at) }));
}

/**
 * Gathers a draft batch again, as a new batch would be gathered now: entries reversed since (and their
 * reversals) net out of it, approvals since come in, and a partner who is no longer due leaves it. The batch
 * keeps its id; the entries it held before are released, and stay on record. Refused for anything but a draft,
 * and when nobody is due any more (mark the draft failed instead).
 */
export async function refreshPayoutBatch(db: Db, input: { batchId: string; actorId: string; now?: Date }): Promise<CreatedBatch> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [batch] = await tx.select().from(payoutBatches).where(eq(payoutBatches.id, input.batchId)).for("update");
    if (!batch) throw new DomainError("NOT_FOUND", "payout batch not found");
    if (batch.status !== "draft") throw new DomainError("CONFLICT", `a ${batch.status} batch cannot be refreshed; only a draft can`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`payout-batch:${batch.currency}`}))`);
    await tx.update(payoutBatchItems).set({ releasedAt: now }).where(and(eq(payoutBatchItems.batchId, batch.id), isNull(payoutBatchItems.releasedAt)));
    await tx.delete(payoutBatchPartners).where(eq(payoutBatchPartners.batchId, batch.id));
    const g = await gather(tx, batch.currency, batch.period ? batch.programId : undefined);
    if (g.due.length === 0) throw new DomainError("BAD_REQUEST", `nobody is due a ${batch.currency} payout any more: mark this draft failed instead`);
    await tx.update(payoutBatches).set({ total: g.total, itemCount: g.entries.length, partnerCount: g.due.length }).where(eq(payoutBatches.id, batch.id));
    await writeLines(tx, batch.id, batch.currency, g);
    return { batchId: batch.id, itemCount: g.entries.length, partnerCount: g.due.length, total: g.total, skipped: g.skipped };
  });
}
