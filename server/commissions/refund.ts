import { and, asc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { rowsOf } from "@/db/client";
import { attributions, conversions } from "@/db/schema";
import { REVERSING_EVENTS } from "@/server/shared/conversion-events";
import { accrueShares, factsOf, loadAccrualInput, type AccrualInput, type AccrualOutcome } from "./accrue-commission";
import { PlanBook, type BookSource } from "./plan-book";
import { eventLabel, formatMoney } from "./plans/format";
import { fromStoredRules } from "./plans/stored";
import { databaseContext, noteOf, priceShares } from "./quote";
import { reverseCommissions } from "./reverse-commissions";
import { DAY_MS } from "@/server/time/days";


type Original = { id: string; amount: number | null; currency: string | null };
type LiveCommission = { id: string; partner_id: string; hold_until: string | Date | null };

/**
 * A refund or chargeback of the earlier event with the same transaction id on the offer:
 * - without an amount, or for all that is left of the event's amount: every live commission of the transaction
 *   (and the overrides they paid) is reversed in full, whatever its state;
 * - for part of it: the event's live commissions are reversed in full and priced again on the amount left,
 *   under the next version of its attribution record (same credits, same partners). A revenue share shrinks
 *   with the amount; a flat CPA stays unless the amount left no longer qualifies (a minimum deposit). The new
 *   commissions keep the hold of the ones they replace.
 * A paid commission's reversal leaves a negative approved balance that the partner's next payout nets. Applied
 * once: the refund's commission note, written in the same transaction, marks it done for a retried job.
 */
export async function reverseTransaction(tx: Tx, refund: AccrualInput, now: Date, books: BookSource = PlanBook.load): Promise<AccrualOutcome> {
  const [mark] = await tx.select({ note: conversions.commissionNote }).from(conversions).where(eq(conversions.id, refund.id)).for("update");
  if (mark?.note) return { accrued: false, reason: mark.note };
  const what = `${eventLabel(refund.event)} of transaction ${refund.txnId} reported ${refund.occurredAt.toISOString().slice(0, 10)}`;
  const originals: Original[] = await tx
    .select({ id: conversions.id, amount: conversions.amount, currency: conversions.currency })
    .from(conversions)
    .where(and(eq(conversions.offerId, refund.offerId), eq(conversions.txnId, refund.txnId), notInArray(conversions.event, [...REVERSING_EVENTS])))
    .orderBy(asc(conversions.id))
    .for("update");
  const left = originals.length === 1 ? await amountLeft(tx, refund, originals[0]!) : null;
  const note = left !== null && left > 0 ? await reprice(tx, refund, originals[0]!, left, what, now, books) : await reverseAll(tx, refund, originals, what, now);
  await tx.update(conversions).set({ commissionNote: note }).where(eq(conversions.id, refund.id));
  return { accrued: false, reason: note };
}

async function reverseAll(tx: Tx, refund: AccrualInput, originals: Original[], what: string, now: Date): Promise<string> {
  if (originals.length === 0) return `no earlier event with transaction id ${refund.txnId} on this offer, so nothing was reversed`;
  const ids = rowsOf<{ id: string }>(
    await tx.execute(sql`select id from commissions where conversion_id in (${sql.join(
      originals.map((o) => sql`${o.id}`),
      sql`, `,
    )}) and kind <> 'settlement'`),
  ).map((r) => r.id);
  const reversed = ids.length === 0 ? [] : await reverseCommissions(tx, { commissionIds: ids, reason: what, source: "conversion", actorId: null, now, cascade: true });
  return `reversed ${reversed.length} commission${reversed.length === 1 ? "" : "s"} of transaction ${refund.txnId}`;
}

/**
 * What is left of the event's amount after this refund and the ones applied before it, or null when the refund
 * cannot be a partial one: no amounts to compare, other currencies, or an earlier refund without an amount.
 */
async function amountLeft(tx: Tx, refund: AccrualInput, original: Original): Promise<number | null> {
  if (refund.amount === null || original.amount === null || original.amount <= 0 || refund.currency !== original.currency) return null;
  const earlier = await tx
    .select({ amount: conversions.amount, currency: conversions.currency })
    .from(conversions)
    .where(and(eq(conversions.offerId, refund.offerId), eq(conversions.txnId, refund.txnId), inArray(conversions.event, [...REVERSING_EVENTS]), sql`${conversions.id} <> ${refund.id}`, sql`${conversions.commissionNote} is not null`));
  let left = original.amount - refund.amount;
  for (const e of earlier) {
    if (e.amount === null || e.currency !== original.currency) return null;
    left -= e.amount;
  }
  return left;
}

async function reprice(tx: Tx, refund: AccrualInput, original: Original, left: number, what: string, now: Date, books: BookSource): Promise<string> {
  const live = rowsOf<LiveCommission>(
    await tx.execute(sql`
      select c.id, c.partner_id, c.hold_until from commissions c
      where c.conversion_id = ${original.id} and c.kind = 'event'
        and (select le.type from ledger_entries le where le.commission_id = c.id order by le.seq desc limit 1) not in ('rejection', 'reversal')
      order by c.id`),
  );
  if (live.length === 0) return `transaction ${refund.txnId} has no live commission, so nothing was reversed`;
  const currency = original.currency!;
  const change = `${formatMoney(BigInt(refund.amount!), currency)} of ${formatMoney(BigInt(original.amount!), currency)} refunded, priced again on the ${formatMoney(BigInt(left), currency)} left`;
  await reverseCommissions(tx, { commissionIds: live.map((c) => c.id), reason: `${what}: ${change}`, source: "conversion", actorId: null, now, cascade: true });

  // the same decision under the next version, so the explanation shows what changed and why
  const [current] = await tx.select().from(attributions).where(and(eq(attributions.conversionId, original.id), isNull(attributions.supersededAt)));
  if (!current) return `reversed ${live.length} commission${live.length === 1 ? "" : "s"} of transaction ${refund.txnId} (no attribution record to price them again)`;
  await tx.update(attributions).set({ supersededAt: now }).where(eq(attributions.id, current.id));
  const { conversionId, source, model, fellBackTo, modelFitId, rules, touchpoints, credits } = current;
  await tx.insert(attributions).values({ conversionId, source, model, fellBackTo, modelFitId, rules, touchpoints, credits, version: current.version + 1, reason: `${current.reason} (${refund.event} ${refund.txnId}: ${change})`, actorId: null, createdAt: now });

  const row = await loadAccrualInput(tx, original.id);
  if (!row || row.credits === null) throw new Error(`conversion ${original.id} lost its attribution record`);
  const book = await books(tx, row.programId);
  const { shares, quotes } = await priceShares(book, databaseContext(tx, fromStoredRules(row.qualification), row.offerCurrency), { ...factsOf(row), amount: left }, row.credits);
  // a partner whose commission had been rejected earns nothing again: only the live ones are priced again
  const partners = new Set(live.map((c) => c.partner_id));
  const kept = shares.filter((s) => partners.has(s.partnerId));
  const holds = live.map((c) => (c.hold_until === null ? null : new Date(c.hold_until).getTime())).filter((t): t is number => t !== null);
  const holdUntil = new Date(holds.length > 0 ? Math.min(...holds) : now.getTime() + row.holdDays * DAY_MS);
  const accrued = await accrueShares(tx, kept, { conversionId: original.id, offerId: row.offerId, occurredAt: row.occurredAt, version: current.version + 1, holdUntil, now });
  await tx.update(conversions).set({ commissionNote: noteOf(quotes, kept) }).where(eq(conversions.id, original.id));
  const total = accrued.reduce((s, a) => s + a.amount, 0);
  return `${change}: reversed ${live.length} commission${live.length === 1 ? "" : "s"} of transaction ${refund.txnId} and accrued ${formatMoney(BigInt(total), kept[0]?.plan?.terms.currency ?? currency)} in their place`;
}
