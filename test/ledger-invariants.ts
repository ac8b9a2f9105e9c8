import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/client";
import { getBalances } from "@/server/commissions/get-balances";

/**
 * The ledger's invariants, checked against the database after a test:
 * - every partner's balances (getBalances) equal the sums of their entries, bucket by bucket;
 * - no commission is approved, rejected or paid twice (the unique index), and none has two payouts;
 * - reversals never exceed what they reverse: a commission's reversals sum to at most its amount;
 * - no bucket of a commission ends below zero except approved after a reversal of a paid commission
 *   (the negative balance the next payout nets), and paid never exceeds the commission;
 * - every payout batch's total equals its live items, and its partner lines add up to it.
 */
export async function expectLedgerInvariants(db: Db) {
  const partners = rowsOf<{ partner_id: string }>(await db.execute(sql`select distinct partner_id from ledger_entries`));
  for (const { partner_id } of partners) {
    const sums = rowsOf<{ currency: string; bucket: string; total: string }>(
      await db.execute(sql`select currency, bucket, sum(amount)::text as total from ledger_entries where partner_id = ${partner_id} group by currency, bucket`),
    );
    const balances = await getBalances(db, partner_id);
    for (const s of sums) expect(balances.find((b) => b.currency === s.currency)?.[s.bucket as "pending"], `${partner_id} ${s.currency} ${s.bucket}`).toBe(Number(s.total));
  }
  const overReversed = rowsOf(
    await db.execute(sql`
      select c.id from commissions c join ledger_entries e on e.commission_id = c.id and e.type = 'reversal'
      group by c.id, c.amount having -sum(e.amount) > c.amount`),
  );
  expect(overReversed, "reversals exceeding their commission").toEqual([]);
  const doublePaid = rowsOf(
    await db.execute(sql`
      select c.id from commissions c join ledger_entries e on e.commission_id = c.id and e.bucket = 'paid'
      group by c.id, c.amount having sum(e.amount) > c.amount or count(*) > 1`),
  );
  expect(doublePaid, "commissions paid twice").toEqual([]);
  const negative = rowsOf(
    await db.execute(sql`
      select commission_id, bucket from ledger_entries where commission_id is not null
      group by commission_id, bucket having sum(amount) < 0 and bucket <> 'approved'`),
  );
  expect(negative, "negative pending or paid per commission").toEqual([]);
  const badBatches = rowsOf(
    await db.execute(sql`
      select b.id from payout_batches b
      where b.status <> 'failed' and (
        b.total <> coalesce((select sum(amount) from payout_batch_items i where i.batch_id = b.id and i.released_at is null), 0)
        or b.total <> coalesce((select sum(amount) from payout_batch_partners p where p.batch_id = b.id), 0))`),
  );
  expect(badBatches, "batch totals that do not match their items").toEqual([]);
}
