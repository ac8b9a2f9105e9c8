import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { conversions } from "@/db/schema";
import { REVERSING_EVENTS } from "@/server/shared/conversion-events";
import { accrueVersions, loadAccrualInputs, type AccrualInput, type AccrualOutcome, type VersionToAccrue } from "./accrue-commission";
import { PlanBook, type BookSource } from "./plan-book";
import { noteOf } from "./quote";
import { reverseTransaction } from "./refund";

/**
 * Prices a conversion under each credited partner's plan and accrues the shares as pending commissions, in one
 * transaction. A refund or chargeback instead reverses the commissions of the transaction it names. A retried
 * job never accrues or reverses twice.
 */
export async function accrueCommission(db: Db, conversionId: string, now = new Date()): Promise<AccrualOutcome> {
  return db.transaction((tx) => accrueCommissionIn(tx, conversionId, now));
}

/**
 * The same in the caller's transaction: a fraud review that clears a conversion accrues with its decision. `books`
 * finds the plans (the plan what-if pins partners to draft terms and rolls the transaction back).
 */
export async function accrueCommissionIn(tx: Tx, conversionId: string, now: Date, books: BookSource = PlanBook.load): Promise<AccrualOutcome> {
  const [outcome] = await accrueCommissionsIn(tx, [conversionId], now, books);
  return outcome!;
}

/**
 * Keys of what a conversion's accrual reads that another conversion's accrual writes: each credited partner
 * (tier volume and recurring revshare count the partner's own commissions), the customer in the program (a
 * CPA once per customer counts anyone's commission on them), and the transaction on the offer (a refund
 * reverses the commissions of its sale). Two conversions that share no key cannot see each other's accrual.
 */
export function accrualKeys(f: { programId: string; offerId: string; customerId: string | null; txnId: string; partnerId: string | null; credits: { partnerId: string }[] | null }): string[] {
  const keys = new Set<string>([`txn:${f.offerId}:${f.txnId}`]);
  if (f.partnerId) keys.add(`partner:${f.partnerId}`);
  for (const c of f.credits ?? []) keys.add(`partner:${c.partnerId}`);
  if (f.customerId) keys.add(`customer:${f.programId}:${f.customerId}`);
  return [...keys];
}

/**
 * Many conversions' accruals in the caller's transaction, with the result of accruing them one by one in the
 * order given, in a few statements per round: conversions are taken in rounds of ones that share no accrual key
 * (accrualKeys), a conversion going in the round after the last one holding any of its keys, so every accrual
 * still sees the ones before it that it could read. Refunds and chargebacks are reversed one at a time in their
 * round. Returns the outcomes in the order of `conversionIds`.
 */
export async function accrueCommissionsIn(tx: Tx, conversionIds: readonly string[], now: Date, books: BookSource = PlanBook.load): Promise<AccrualOutcome[]> {
  const found = new Map((await loadAccrualInputs(tx, conversionIds)).map((r) => [r.id, r]));
  const rounds: AccrualInput[][] = [];
  const lastRound = new Map<string, number>();
  const seen = new Set<string>();
  for (const id of conversionIds) {
    const row = found.get(id);
    if (!row) throw new Error(`conversion ${id} not found`);
    if (seen.has(id)) continue;
    seen.add(id);
    const keys = accrualKeys(row);
    const round = Math.max(0, ...keys.map((k) => (lastRound.get(k) ?? -1) + 1));
    for (const k of keys) lastRound.set(k, round);
    (rounds[round] ??= []).push(row);
  }
  const outcomes = new Map<string, AccrualOutcome>();
  for (const round of rounds) for (const [id, outcome] of await accrueRound(tx, round, now, books)) outcomes.set(id, outcome);
  return conversionIds.map((id) => outcomes.get(id)!);
}

/** One round: conversions that cannot see each other's accrual. */
async function accrueRound(tx: Tx, rows: readonly AccrualInput[], now: Date, books: BookSource): Promise<Map<string, AccrualOutcome>> {
  const out = new Map<string, AccrualOutcome>();
  const rejected: string[] = [];
  const pricing: (VersionToAccrue & { partnerId: string })[] = [];
  for (const row of rows) {
    if ((REVERSING_EVENTS as readonly string[]).includes(row.event)) out.set(row.id, await reverseTransaction(tx, row, now, books));
    else if (row.status !== "attributed" || !row.partnerId) out.set(row.id, { accrued: false, reason: "conversion is not attributed to a partner" });
    else if (row.fraudStatus === "rejected") {
      rejected.push(row.id);
      out.set(row.id, { accrued: false, reason: "rejected by fraud checks" });
    } else {
      const credits = row.credits ?? [{ partnerId: row.partnerId, credit: 1 }];
      pricing.push({ row, book: await books(tx, row.programId), credits, version: row.version ?? 1, partnerId: row.partnerId });
    }
  }
  if (rejected.length > 0) {
    await tx.execute(sql`update ${conversions} set commission_note = 'rejected by fraud checks' where id in (select jsonb_array_elements_text(${JSON.stringify(rejected)}::jsonb))`);
  }
  const versions = await accrueVersions(tx, pricing, now);
  for (const [n, { row, partnerId }] of pricing.entries()) {
    const { accrued, shares, quotes } = versions[n]!;
    const headline = accrued.find((s) => s.partnerId === partnerId) ?? accrued[0];
    if (!headline) out.set(row.id, { accrued: false, reason: noteOf(quotes, shares) ?? "nothing earned" });
    else out.set(row.id, { accrued: true, commissionId: headline.commissionId, commissions: accrued, amount: accrued.reduce((s, a) => s + a.amount, 0), currency: shares[0]!.plan!.terms.currency });
  }
  return out;
}
