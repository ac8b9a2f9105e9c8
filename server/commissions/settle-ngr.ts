import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/client";
import { newId } from "@/db/ids";
import { commissions, ledgerEntries, ngrSettlements, offers, programs } from "@/db/schema";
import { isUniqueViolation } from "@/server/errors";
import { PlanBook } from "./plan-book";
import { formatMoney } from "./plans/format";
import { settleNgrMonth } from "./plans/settle-ngr";
import { ngrRateFor } from "./plans/tiers";

export const monthKey = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-01`;
const monthRange = (key: string) => {
  const from = new Date(`${key}T00:00:00.000Z`);
  return { from, to: new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1)) };
};

export type SettledPartner = { partnerId: string; offerId: string; commission: bigint; settlementId: string };

/**
 * Settles one month of NGR revenue share for every partner with `ngr` events attributed to them in a program,
 * under the plan version in force at the month's last instant: per partner and currency, one settlement row
 * (the statement lines with the formula), and, when it pays, a commission and its accrual entry. The carry
 * comes from the partner's previous settlement. Idempotent: a month already settled is skipped.
 */
export async function settleNgr(db: Db, programId: string, month: string, now = new Date()): Promise<SettledPartner[]> {
  const { from, to } = monthRange(month);
  if (to.getTime() > now.getTime()) throw new Error(`month ${month} has not ended`);
  const lines = rowsOf<{ partner_id: string; offer_id: string; currency: string; customer_id: string | null; id: string; ngr: string }>(
    await db.execute(sql`
      select v.partner_id, v.offer_id, coalesce(v.currency, o.currency) as currency, v.customer_id, v.id, v.amount::text as ngr
      from conversions v join offers o on o.id = v.offer_id
      where v.program_id = ${programId} and v.event = 'ngr' and v.attribution_status = 'attributed' and v.fraud_status <> 'rejected'
        and v.occurred_at >= ${from.toISOString()}::timestamptz and v.occurred_at < ${to.toISOString()}::timestamptz and v.amount is not null
      order by v.partner_id, v.id`),
  );
  const book = await PlanBook.load(db, programId);
  const at = new Date(to.getTime() - 1);
  const groups = new Map<string, typeof lines>();
  for (const l of lines) {
    const key = `${l.partner_id}|${l.currency}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  const out: SettledPartner[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const plan = book.resolve(first.partner_id, first.offer_id, at);
    const rate = plan && plan.terms.currency === first.currency ? ngrRateFor(plan.terms, { ftdCount: 0, eventCount: group.length, amountSum: group.reduce((s, l) => s + BigInt(l.ngr), 0n) }) : undefined;
    if (!plan || !rate || !plan.terms.components.ngr) continue;
    const settled = await db.transaction(async (tx) => {
      const [previous] = await tx
        .select({ carryOut: ngrSettlements.carryOut })
        .from(ngrSettlements)
        .where(and(eq(ngrSettlements.programId, programId), eq(ngrSettlements.partnerId, first.partner_id), eq(ngrSettlements.currency, first.currency), sql`${ngrSettlements.month} < ${month}`))
        .orderBy(desc(ngrSettlements.month))
        .limit(1);
      const result = settleNgrMonth({
        currency: first.currency,
        rateBp: rate.rateBp,
        carryover: plan.terms.components.ngr!.carryover,
        previousCarry: BigInt(previous?.carryOut ?? 0),
        lines: group.map((l) => ({ customerId: l.customer_id ?? l.id, ngr: BigInt(l.ngr) })),
      });
      const settlementId = newId("ngrSettlement", now.getTime());
      const statement = [`${plan.planName} v${plan.version}: ${rate.basis}`, ...result.statement];
      await tx.insert(ngrSettlements).values({
        id: settlementId,
        programId,
        partnerId: first.partner_id,
        planVersionId: plan.versionId,
        month,
        currency: first.currency,
        customerCount: new Set(group.map((l) => l.customer_id ?? l.id)).size,
        ngrTotal: Number(result.ngrTotal),
        carryIn: Number(BigInt(previous?.carryOut ?? 0)),
        base: Number(result.base),
        commission: Number(result.commission),
        carryOut: Number(result.carryOut),
        statement,
        createdAt: now,
      });
      if (result.commission > 0n) {
        const commissionId = newId("commission", now.getTime());
        const [offer] = await tx.select({ holdDays: offers.holdDays }).from(offers).where(eq(offers.id, first.offer_id));
        await tx.insert(commissions).values({
          id: commissionId,
          kind: "settlement",
          conversionId: null,
          partnerId: first.partner_id,
          offerId: first.offer_id,
          amount: Number(result.commission),
          currency: first.currency,
          planVersionId: plan.versionId,
          lines: statement.map((basis) => ({ component: "ngr", basis, amount: 0 })).concat([{ component: "ngr", basis: `NGR share for ${month.slice(0, 7)}`, amount: Number(result.commission) }]),
          holdUntil: new Date(now.getTime() + (offer?.holdDays ?? 0) * 86_400_000),
          settlementId,
          occurredAt: now,
          createdAt: now,
        });
        await tx.insert(ledgerEntries).values({ partnerId: first.partner_id, commissionId, type: "accrual", bucket: "pending", amount: Number(result.commission), currency: first.currency, reason: `NGR revenue share for ${month.slice(0, 7)}: ${formatMoney(result.commission, first.currency)}`, source: "settlement", createdAt: now });
      }
      return { partnerId: first.partner_id, offerId: first.offer_id, commission: result.commission, settlementId };
    }).catch((err: unknown) => {
      if (isUniqueViolation(err, "ngr_settlements_partner_month_uq")) return null;
      throw err;
    });
    if (settled) out.push(settled);
  }
  return out;
}

/** Settles the previous calendar month for every program (the schedule calls this; already settled months are skipped). */
export async function settleLastMonth(db: Db, now = new Date()): Promise<number> {
  const previous = monthKey(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
  let n = 0;
  for (const p of await db.select({ id: programs.id }).from(programs)) n += (await settleNgr(db, p.id, previous, now)).length;
  return n;
}
