import { formatBp, formatMoney } from "./format";
import type { KpiRule, KpiTerms, PlanTerms } from "./types";

const DAY_MS = 86_400_000;

/** One FTD of the month as the KPI reads it. `depositedAgain`: the customer deposited within the rule's days. */
export type KpiFtd = { amount: bigint | null; currency: string | null; refunded: boolean; depositedAgain: boolean };

/** What was measured over the month's FTDs. A rate or average over no FTDs is null: it meets no threshold. */
export type KpiMeasure = { ftds: number; qualified: number; refunded: number; repeaters: number; repeatRateBp: number | null; avgFirstDeposit: bigint | null; refundRateBp: number | null };

export type KpiCheck = { metric: KpiRule["metric"]; ok: boolean; text: string };

export type KpiResult = { passed: boolean; checks: KpiCheck[]; amount: bigint; measure: KpiMeasure; summary: string };

/** The calendar month (UTC) an FTD counts in: "2026-11". */
export const kpiPeriod = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;

export function kpiPeriodRange(period: string): { from: Date; to: Date } {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return { from: new Date(Date.UTC(y, m - 1, 1)), to: new Date(Date.UTC(y, m, 1)) };
}

/** The longest repeat-deposit window: an FTD on the month's last day needs that many days more to be judged. */
export const kpiWindowDays = (kpi: KpiTerms) => Math.max(0, ...kpi.rules.map((r) => (r.metric === "repeat_deposit_rate" ? r.withinDays : 0)));

/** When a month's KPI can be settled: its end, plus the repeat-deposit window. */
export const kpiClosesAt = (kpi: KpiTerms, period: string) => new Date(kpiPeriodRange(period).to.getTime() + kpiWindowDays(kpi) * DAY_MS);

/** Floor, so 59.99% never passes a 60% threshold. */
const rateBp = (n: number, d: number) => (d === 0 ? null : Math.floor((n * 10_000) / d));

/** The month's figures; only FTDs in the plan's currency count towards the average first deposit. */
export function measureKpi(ftds: readonly KpiFtd[], currency: string): KpiMeasure {
  const qualified = ftds.filter((f) => !f.refunded);
  const refunded = ftds.length - qualified.length;
  const repeaters = qualified.filter((f) => f.depositedAgain).length;
  const amounts = qualified.filter((f) => f.amount !== null && f.currency === currency).map((f) => f.amount!);
  const avgFirstDeposit = amounts.length === 0 ? null : amounts.reduce((a, b) => a + b, 0n) / BigInt(amounts.length);
  return { ftds: ftds.length, qualified: qualified.length, refunded, repeaters, repeatRateBp: rateBp(repeaters, qualified.length), avgFirstDeposit, refundRateBp: rateBp(refunded, ftds.length) };
}

function check(rule: KpiRule, m: KpiMeasure, currency: string): KpiCheck {
  const money = (v: bigint) => formatMoney(v, currency);
  switch (rule.metric) {
    case "repeat_deposit_rate": {
      const ok = m.repeatRateBp !== null && m.repeatRateBp >= rule.minBp;
      const measured = m.repeatRateBp === null ? "no qualified FTDs" : `${formatBp(m.repeatRateBp)} (${m.repeaters} of ${m.qualified} deposited again within ${rule.withinDays} days)`;
      return { metric: rule.metric, ok, text: `repeat-deposit rate ${measured}, at least ${formatBp(rule.minBp)} required` };
    }
    case "avg_first_deposit": {
      const ok = m.avgFirstDeposit !== null && m.avgFirstDeposit >= rule.minAmount;
      return { metric: rule.metric, ok, text: `average first deposit ${m.avgFirstDeposit === null ? "none" : money(m.avgFirstDeposit)}, at least ${money(rule.minAmount)} required` };
    }
    case "qualified_ftd_count":
      return { metric: rule.metric, ok: m.qualified >= rule.min, text: `qualified FTDs ${m.qualified}, at least ${rule.min} required` };
    case "refund_rate": {
      const ok = m.refundRateBp !== null && m.refundRateBp <= rule.maxBp;
      const measured = m.refundRateBp === null ? "no FTDs" : `${formatBp(m.refundRateBp)} (${m.refunded} of ${m.ftds} FTDs)`;
      return { metric: rule.metric, ok, text: `refund rate ${measured}, at most ${formatBp(rule.maxBp)} allowed` };
    }
  }
}

/**
 * Judges a month against the plan's KPI and says what it pays, quoting every measured value: with the KPI
 * met, the CPA per qualified FTD (effect `cpa`) or the bonus; otherwise nothing.
 */
export function judgeKpi(terms: PlanTerms, ftds: readonly KpiFtd[]): KpiResult {
  const kpi = terms.components.kpi;
  if (!kpi) throw new Error("the plan has no KPI");
  const measure = measureKpi(ftds, terms.currency);
  const checks = kpi.rules.map((r) => check(r, measure, terms.currency));
  const passed = checks.every((c) => c.ok);
  const money = (v: bigint) => formatMoney(v, terms.currency);
  let amount = 0n;
  let pays: string;
  if (kpi.effect === "cpa") {
    const cpa = terms.components.cpa?.amount ?? 0n;
    amount = passed ? cpa * BigInt(measure.qualified) : 0n;
    pays = passed ? `CPA ${money(cpa)} × ${measure.qualified} qualified FTDs = ${money(amount)}` : `CPA withheld for ${measure.qualified} qualified FTDs`;
  } else {
    amount = passed ? (kpi.bonusAmount ?? 0n) : 0n;
    pays = passed ? `bonus ${money(amount)}` : "no bonus";
  }
  const measured = checks.map((c) => `${c.text} ${c.ok ? "(met)" : "(missed)"}`).join("; ");
  return { passed, checks, amount, measure, summary: `KPI ${passed ? "met" : "missed"}: ${measured}. ${pays[0]!.toUpperCase()}${pays.slice(1)}` };
}

/** The KPI in the words of the partner's terms page. */
export function describeKpi(kpi: KpiTerms, terms: PlanTerms): string {
  const money = (v: bigint) => formatMoney(v, terms.currency);
  const rules = kpi.rules.map((r) => {
    if (r.metric === "repeat_deposit_rate") return `at least ${formatBp(r.minBp)} of FTDs deposit again within ${r.withinDays} days`;
    if (r.metric === "avg_first_deposit") return `average first deposit at least ${money(r.minAmount)}`;
    if (r.metric === "qualified_ftd_count") return `at least ${r.min} qualified FTDs`;
    return `refund rate at most ${formatBp(r.maxBp)}`;
  });
  const effect = kpi.effect === "cpa" ? "The CPA is paid per qualified FTD when the month's KPI is met" : `A bonus of ${money(kpi.bonusAmount ?? 0n)} when the month's KPI is met`;
  return `${effect}: ${rules.join(", ")}`;
}
