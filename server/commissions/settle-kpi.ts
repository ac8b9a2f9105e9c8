import { eq, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { rowsOf } from "@/db/client";
import { newId } from "@/db/ids";
import { commissions, kpiSettlements, ledgerEntries, offers, programs } from "@/db/schema";
import { PlanBook, type BookSource, type ResolvedPlan } from "./plan-book";
import { judgeKpi, kpiClosesAt, kpiPeriodRange, type KpiFtd } from "./plans/kpi";
import { DAY_MS } from "@/server/time/days";


type FtdRow = { id: string; partner_id: string; offer_id: string; amount: string | null; currency: string | null; occurred_at: string | Date; refunded: boolean; next_deposit: string | Date | null; ngr: string; lots: string };

/** One partner's FTDs of a month priced under one plan version that has a KPI. */
export type KpiGroup = { partnerId: string; offerId: string; plan: ResolvedPlan; ftds: KpiFtd[] };

const asDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));

/**
 * The month's attributed FTDs of a program (fraud rejections left out), each with whether its transaction was
 * refunded or charged back and when the customer next deposited, grouped by partner and by the plan version
 * in force at each FTD: a KPI version judges only the FTDs it priced, never those before it took effect.
 */
export async function kpiGroups(db: DbOrTx, programId: string, period: string, partnerId?: string, books: BookSource = PlanBook.load): Promise<KpiGroup[]> {
  const { from, to } = kpiPeriodRange(period);
  const rows = rowsOf<FtdRow>(
    await db.execute(sql`
      select v.id, v.partner_id, v.offer_id, v.amount::text as amount, v.currency, v.occurred_at,
        exists (select 1 from conversions r where r.offer_id = v.offer_id and r.txn_id = v.txn_id and r.event in ('refund', 'chargeback')) as refunded,
        (select min(d.occurred_at) from conversions d
          where v.customer_id is not null and d.program_id = v.program_id and d.customer_id = v.customer_id and d.event = 'deposit' and d.occurred_at > v.occurred_at) as next_deposit,
        -- the customer's NGR (in the FTD's currency) and lots traded in the month from the FTD on
        (select coalesce(sum(d.amount), 0)::text from conversions d
          where v.customer_id is not null and d.program_id = v.program_id and d.customer_id = v.customer_id and d.event = 'ngr' and d.currency = v.currency
            and d.occurred_at >= v.occurred_at and d.occurred_at < ${to.toISOString()}::timestamptz) as ngr,
        (select coalesce(floor(sum(case when d.params->>'lots' ~ '^[0-9]{1,9}(\.[0-9]{1,8})?$' then (d.params->>'lots')::numeric end) * 100), 0)::bigint::text from conversions d
          where v.customer_id is not null and d.program_id = v.program_id and d.customer_id = v.customer_id and d.event not in ('refund', 'chargeback')
            and d.occurred_at >= v.occurred_at and d.occurred_at < ${to.toISOString()}::timestamptz) as lots
      from conversions v
      where v.program_id = ${programId} and v.event = 'ftd' and v.attribution_status = 'attributed' and v.fraud_status <> 'rejected'
        and v.occurred_at >= ${from.toISOString()}::timestamptz and v.occurred_at < ${to.toISOString()}::timestamptz
        ${partnerId ? sql`and v.partner_id = ${partnerId}` : sql``}
      order by v.partner_id, v.occurred_at, v.id`),
  );
  const book = await books(db, programId);
  const groups = new Map<string, KpiGroup>();
  for (const r of rows) {
    const at = asDate(r.occurred_at);
    const plan = book.resolve(r.partner_id, r.offer_id, at);
    const kpi = plan?.terms.components.kpi;
    if (!plan || !kpi) continue;
    const windowDays = kpi.rules.find((x) => x.metric === "repeat_deposit_rate")?.withinDays ?? 0;
    const next = r.next_deposit === null ? null : asDate(r.next_deposit);
    const key = `${r.partner_id}|${plan.versionId}`;
    const group = groups.get(key) ?? { partnerId: r.partner_id, offerId: r.offer_id, plan, ftds: [] };
    group.ftds.push({ amount: r.amount === null ? null : BigInt(r.amount), currency: r.currency, refunded: r.refunded, depositedAgain: next !== null && next.getTime() - at.getTime() <= windowDays * DAY_MS, ngr: BigInt(r.ngr), lots: BigInt(r.lots) });
    groups.set(key, group);
  }
  return [...groups.values()];
}

export type SettledKpi = { settlementId: string; partnerId: string; planVersionId: string; passed: boolean; amount: bigint };

/**
 * Settles one month of every KPI deal of a program whose window has closed: per partner and plan version, one
 * settlement row with the measured values, and when the KPI pays, a commission of kind `kpi` and its accrual
 * entry whose reason quotes them. Idempotent: a month already settled for a partner and version is skipped.
 */
export async function settleKpis(db: Db | Tx, programId: string, period: string, now = new Date(), books: BookSource = PlanBook.load): Promise<SettledKpi[]> {
  const out: SettledKpi[] = [];
  for (const g of await kpiGroups(db, programId, period, undefined, books)) {
    const kpi = g.plan.terms.components.kpi!;
    if (kpiClosesAt(kpi, period).getTime() > now.getTime()) continue;
    const result = judgeKpi(g.plan.terms, g.ftds);
    const currency = g.plan.terms.currency;
    const summary = `${g.plan.planName} v${g.plan.version}, ${period}: ${result.summary}`;
    const settled = await db.transaction(async (tx) => {
      const settlementId = newId("kpiSettlement", now.getTime());
      const m = result.measure;
      const inserted = await tx
        .insert(kpiSettlements)
        .values({
          id: settlementId,
          programId,
          partnerId: g.partnerId,
          planVersionId: g.plan.versionId,
          period,
          currency,
          passed: result.passed,
          measured: {
            ftds: m.ftds,
            qualified: m.qualified,
            refunded: m.refunded,
            repeaters: m.repeaters,
            repeatRateBp: m.repeatRateBp,
            avgFirstDeposit: m.avgFirstDeposit?.toString() ?? null,
            medianFirstDeposit: m.medianFirstDeposit?.toString() ?? null,
            refundRateBp: m.refundRateBp,
            ngrPerPlayer: m.ngrPerPlayer?.toString() ?? null,
            lotsPerTrader: m.lotsPerTrader?.toString() ?? null,
          },
          amount: Number(result.amount),
          summary,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: kpiSettlements.id });
      if (inserted.length === 0) return null;
      if (result.amount > 0n) {
        const commissionId = newId("commission", now.getTime());
        const [offer] = await tx.select({ holdDays: offers.holdDays }).from(offers).where(eq(offers.id, g.offerId));
        const lines = [...result.checks.map((c) => ({ component: "kpi", basis: `${c.text} (${c.ok ? "met" : "missed"})`, amount: 0 })), { component: "kpi", basis: `KPI for ${period}`, amount: Number(result.amount) }];
        await tx.insert(commissions).values({ id: commissionId, kind: "kpi", conversionId: null, partnerId: g.partnerId, offerId: g.offerId, amount: Number(result.amount), currency, planVersionId: g.plan.versionId, lines, holdUntil: new Date(now.getTime() + (offer?.holdDays ?? 0) * DAY_MS), kpiSettlementId: settlementId, occurredAt: now, createdAt: now });
        await tx.insert(ledgerEntries).values({ partnerId: g.partnerId, commissionId, type: "accrual", bucket: "pending", amount: Number(result.amount), currency, reason: summary, source: "settlement", createdAt: now });
      }
      return { settlementId, partnerId: g.partnerId, planVersionId: g.plan.versionId, passed: result.passed, amount: result.amount };
    });
    if (settled) out.push(settled);
  }
  return out;
}

/** How many months back the job looks: the longest repeat-deposit window (90 days) closes within four. */
const LOOKBACK_MONTHS = 4;

/** Settles every closed, unsettled KPI month of every program (the schedule calls this; settled months are skipped). */
export async function settleDueKpis(db: Db, now = new Date()): Promise<{ settled: number; paid: number }> {
  let settled = 0;
  let paid = 0;
  for (const p of await db.select({ id: programs.id }).from(programs)) {
    for (let back = 1; back <= LOOKBACK_MONTHS; back++) {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
      const period = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
      const done = await settleKpis(db, p.id, period, now);
      settled += done.length;
      paid += done.filter((s) => s.amount > 0n).length;
    }
  }
  return { settled, paid };
}
