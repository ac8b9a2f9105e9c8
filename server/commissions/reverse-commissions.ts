import { inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rowsOf } from "@/db/client";
import { commissions, ledgerEntries, type LedgerSource } from "@/db/schema";
import { formatMoney } from "@/server/money/format";
import { notify } from "@/server/notifications/notify";
import { emitWebhooks, money } from "@/server/webhooks/emit";

export type Reversed = { commissionId: string; partnerId: string; amount: number; currency: string; bucket: "pending" | "approved"; wasPaid: boolean };

type State = { id: string; partner_id: string; currency: string; last: string | null; pending: string; approved: string; paid: string };

/**
 * Reverses commissions in full, whatever their state, by appended entries with the reason:
 * - pending: the pending amount leaves the ledger;
 * - approved (paid or not yet): the approved amount leaves the approved balance;
 * - paid: the paid amount is taken from the approved balance, which goes negative and is netted by the
 *   partner's next payout (money already sent is never pretended back).
 * Rejected and already reversed commissions are left as they are, so a reversal never exceeds what it reverses
 * and a retry reverses nothing twice. With `cascade`, the multi-tier overrides paid on these commissions go too.
 * Runs in the caller's transaction, with the commissions locked.
 */
export async function reverseCommissions(
  tx: DbOrTx,
  input: { commissionIds: string[]; reason: string; source: LedgerSource; actorId: string | null; now: Date; cascade: boolean },
): Promise<Reversed[]> {
  let ids = [...new Set(input.commissionIds)];
  if (input.cascade && ids.length > 0) {
    const children = await tx.select({ id: commissions.id }).from(commissions).where(inArray(commissions.overrideOf, ids));
    ids = [...new Set([...ids, ...children.map((c) => c.id)])];
  }
  if (ids.length === 0) return [];
  await tx.select({ id: commissions.id }).from(commissions).where(inArray(commissions.id, ids)).orderBy(commissions.id).for("update");
  const states = rowsOf<State>(
    await tx.execute(sql`
      select c.id, c.partner_id, c.currency,
        (select le.type from ledger_entries le where le.commission_id = c.id order by le.seq desc limit 1) as last,
        coalesce(sum(e.amount) filter (where e.bucket = 'pending'), 0)::text as pending,
        coalesce(sum(e.amount) filter (where e.bucket = 'approved'), 0)::text as approved,
        coalesce(sum(e.amount) filter (where e.bucket = 'paid'), 0)::text as paid
      from commissions c left join ledger_entries e on e.commission_id = c.id
      where c.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
      group by c.id order by c.id`),
  );
  const out: Reversed[] = [];
  for (const s of states) {
    const base = { commissionId: s.id, partnerId: s.partner_id, currency: s.currency };
    if (s.last === "accrual" || s.last === "adjustment") {
      const amount = Number(s.pending);
      if (amount !== 0) out.push({ ...base, amount, bucket: "pending", wasPaid: false });
    } else if (s.last === "approval") {
      const amount = Number(s.approved);
      if (amount !== 0) out.push({ ...base, amount, bucket: "approved", wasPaid: false });
    } else if (s.last === "payout") {
      const amount = Number(s.paid);
      if (amount !== 0) out.push({ ...base, amount, bucket: "approved", wasPaid: true });
    }
  }
  if (out.length > 0) {
    await tx.insert(ledgerEntries).values(
      out.map((r) => ({
        partnerId: r.partnerId,
        commissionId: r.commissionId,
        type: "reversal" as const,
        bucket: r.bucket,
        amount: -r.amount,
        currency: r.currency,
        reason: r.wasPaid ? `${input.reason} (already paid: netted from the next payout)` : input.reason,
        source: input.source,
        actorId: input.actorId,
        createdAt: input.now,
      })),
    );
    await emitWebhooks(
      tx,
      out.map((r) => ({ type: "commission.reversed" as const, data: { commission_id: r.commissionId, partner_id: r.partnerId, ...money(r.amount, r.currency), was_paid: r.wasPaid, reason: input.reason } })),
      input.now,
    );
    // Money already sent is taken back from the next payout: the partner is told (and e-mailed) why.
    const paid = new Map<string, { partnerId: string; currency: string; amount: number; n: number }>();
    for (const r of out.filter((o) => o.wasPaid)) {
      const key = `${r.partnerId}:${r.currency}`;
      const sum = paid.get(key) ?? { partnerId: r.partnerId, currency: r.currency, amount: 0, n: 0 };
      paid.set(key, { ...sum, amount: sum.amount + r.amount, n: sum.n + 1 });
    }
    await notify(
      tx,
      [...paid.values()].map((p) => ({
        partnerId: p.partnerId,
        kind: "commission_reversed",
        title: `${p.n} paid commission${p.n === 1 ? "" : "s"} reversed: ${formatMoney(p.amount, p.currency)}`,
        body: `Reason: ${input.reason}. The amount was already paid, so it is netted from your next payout.`,
        href: "/portal/earnings",
      })),
      input.now,
    );
  }
  return out;
}
