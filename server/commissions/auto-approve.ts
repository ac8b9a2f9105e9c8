import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/client";
import { approveCommissions } from "./review-commissions";

/**
 * Approves the commissions whose hold has ended on offers that auto-approve, when fraud checks left the
 * conversion clear (a flag of any kind leaves it for an admin). Up to `limit` per call, oldest first; the
 * reason names the hold, and the entries name no actor (source "system").
 */
export async function autoApproveDue(db: Db, now = new Date(), limit = 500): Promise<{ approved: number }> {
  const due = rowsOf<{ id: string; hold_days: number }>(
    await db.execute(sql`
      select c.id, o.hold_days from commissions c
      join offers o on o.id = c.offer_id
      left join conversions v on v.id = c.conversion_id
      where o.auto_approve and c.hold_until <= ${now.toISOString()}::timestamptz and coalesce(v.fraud_status, 'clear') = 'clear'
        and (select le.type from ledger_entries le where le.commission_id = c.id order by le.seq desc limit 1) = 'accrual'
      order by c.id limit ${limit}`),
  );
  let approved = 0;
  const byDays = new Map<number, string[]>();
  for (const d of due) byDays.set(d.hold_days, [...(byDays.get(d.hold_days) ?? []), d.id]);
  for (const [days, ids] of byDays) {
    const r = await approveCommissions(db, { commissionIds: ids, actorId: null, reason: `approved automatically after the ${days}-day hold`, now });
    approved += r.changed.length;
  }
  return { approved };
}
