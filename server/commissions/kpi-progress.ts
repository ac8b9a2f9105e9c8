import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { kpiSettlements, links, offers, programs } from "@/db/schema";
import { PlanBook } from "./plan-book";
import { formatMoney } from "./plans/format";
import { formatLots, judgeKpi, kpiClosesAt, kpiPeriod } from "./plans/kpi";
import { kpiGroups } from "./settle-kpi";

/**
 * A partner's KPI deals: this month's figures so far against each rule (from their FTDs under a KPI plan
 * version, or an empty month under one in force on an offer they promote), what is at stake if it is met, and
 * their settled months. Scoped to `partnerId` in every query.
 */
export async function kpiProgress(db: DbOrTx, partnerId: string, now = new Date()) {
  const period = kpiPeriod(now);
  const [programRows, linked] = await Promise.all([
    db.select({ id: programs.id, name: programs.name }).from(programs),
    db.selectDistinct({ offerId: links.offerId, programId: offers.programId }).from(links).innerJoin(offers, eq(offers.id, links.offerId)).where(eq(links.partnerId, partnerId)),
  ]);
  const current = [];
  for (const p of programRows) {
    const groups = await kpiGroups(db, p.id, period, partnerId);
    const seen = new Set(groups.map((g) => g.plan.versionId));
    const book = await PlanBook.load(db, p.id);
    for (const l of linked.filter((x) => x.programId === p.id)) {
      const plan = book.resolve(partnerId, l.offerId, now);
      if (plan?.terms.components.kpi && !seen.has(plan.versionId)) {
        seen.add(plan.versionId);
        groups.push({ partnerId, offerId: l.offerId, plan, ftds: [] });
      }
    }
    for (const g of groups) {
      const terms = g.plan.terms;
      const kpi = terms.components.kpi!;
      const result = judgeKpi(terms, g.ftds);
      const m = result.measure;
      const atStake = kpi.effect === "cpa" ? (terms.components.cpa?.amount ?? 0n) * BigInt(m.qualified) : (kpi.bonusAmount ?? 0n);
      current.push({
        programName: p.name,
        planName: g.plan.planName,
        version: g.plan.version,
        period,
        closesAt: kpiClosesAt(kpi, period),
        effect: kpi.effect,
        metSoFar: result.passed,
        checks: result.checks,
        measure: {
          ftds: m.ftds,
          qualified: m.qualified,
          refunded: m.refunded,
          repeatRateBp: m.repeatRateBp,
          refundRateBp: m.refundRateBp,
          avgFirstDeposit: m.avgFirstDeposit === null ? null : formatMoney(m.avgFirstDeposit, terms.currency),
          medianFirstDeposit: m.medianFirstDeposit === null ? null : formatMoney(m.medianFirstDeposit, terms.currency),
          ngrPerPlayer: m.ngrPerPlayer === null ? null : formatMoney(m.ngrPerPlayer, terms.currency),
          lotsPerTrader: m.lotsPerTrader === null ? null : formatLots(m.lotsPerTrader),
        },
        atStake: formatMoney(atStake, terms.currency),
      });
    }
  }
  const settled = await db
    .select({ id: kpiSettlements.id, period: kpiSettlements.period, passed: kpiSettlements.passed, amount: kpiSettlements.amount, currency: kpiSettlements.currency, summary: kpiSettlements.summary, createdAt: kpiSettlements.createdAt })
    .from(kpiSettlements)
    .where(eq(kpiSettlements.partnerId, partnerId))
    .orderBy(desc(kpiSettlements.period), desc(kpiSettlements.createdAt))
    .limit(24);
  return { current, settled };
}
