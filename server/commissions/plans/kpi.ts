import { formatBp, formatMoney } from "./format";
import type { KpiRule, KpiTerms, PlanTerms } from "./types";
import { DAY_MS } from "@/server/time/days";


/**
 * One FTD of the month as the KPI reads it. `depositedAgain`: the customer deposited within the rule's days;
 * `ngr`: the NGR the customer reported in the month from the FTD on, in the FTD's currency; `lots`: the lots they
 * traded then, in hundredths of a lot.
 */
export type KpiFtd = { amount: bigint | null; currency: string | null; refunded: boolean; depositedAgain: boolean; ngr?: bigint; lots?: bigint };

/** What was measured over the month's FTDs. A rate, average or median over no FTDs is null: it meets no threshold. */
export type KpiMeasure = {
  ftds: number;
  qualified: number;
  refunded: number;
  repeaters: number;
  repeatRateBp: number | null;
  avgFirstDeposit: bigint | null;
  medianFirstDeposit: bigint | null;
  refundRateBp: number | null;
  ngrPerPlayer: bigint | null;
  /** Hundredths of a lot per qualified FTD. */
  lotsPerTrader: bigint | null;
};

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

/** Division rounded down, also for a negative total (an NGR per player of -0.5 minor units is -1). */
const floorDiv = (a: bigint, b: bigint) => (a % b !== 0n && a < 0n !== b < 0n ? a / b - 1n : a / b);

function median(values: bigint[]): bigint | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : floorDiv(sorted[mid - 1]! + sorted[mid]!, 2n);
}

/**
 * The month's figures. Only FTDs in the plan's currency count towards the first-deposit figures and the NGR per
 * player (their players are the denominator); lots per trader counts every qualified FTD.
 */
export function measureKpi(ftds: readonly KpiFtd[], currency: string): KpiMeasure {
  const qualified = ftds.filter((f) => !f.refunded);
  const refunded = ftds.length - qualified.length;
  const repeaters = qualified.filter((f) => f.depositedAgain).length;
  const inCurrency = qualified.filter((f) => f.currency === currency);
  const amounts = inCurrency.flatMap((f) => (f.amount === null ? [] : [f.amount]));
  const avgFirstDeposit = amounts.length === 0 ? null : amounts.reduce((a, b) => a + b, 0n) / BigInt(amounts.length);
  const ngrPerPlayer = inCurrency.length === 0 ? null : floorDiv(inCurrency.reduce((a, f) => a + (f.ngr ?? 0n), 0n), BigInt(inCurrency.length));
  const lotsPerTrader = qualified.length === 0 ? null : qualified.reduce((a, f) => a + (f.lots ?? 0n), 0n) / BigInt(qualified.length);
  return {
    ftds: ftds.length,
    qualified: qualified.length,
    refunded,
    repeaters,
    repeatRateBp: rateBp(repeaters, qualified.length),
    avgFirstDeposit,
    medianFirstDeposit: median(amounts),
    refundRateBp: rateBp(refunded, ftds.length),
    ngrPerPlayer,
    lotsPerTrader,
  };
}

/** "2.5" lots as 250 hundredths. */
export const lotsToHundredths = (lots: string): bigint => {
  const [whole, frac = ""] = lots.trim().split(".");
  return BigInt(whole || "0") * 100n + BigInt((frac + "00").slice(0, 2));
};
/** 250 hundredths as "2.50". */
export const formatLots = (hundredths: bigint) => `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, "0")}`;

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
    case "median_first_deposit": {
      const ok = m.medianFirstDeposit !== null && m.medianFirstDeposit >= rule.minAmount;
      return { metric: rule.metric, ok, text: `median first deposit ${m.medianFirstDeposit === null ? "none" : money(m.medianFirstDeposit)}, at least ${money(rule.minAmount)} required` };
    }
    case "ngr_per_player": {
      const ok = m.ngrPerPlayer !== null && m.ngrPerPlayer >= rule.minAmount;
      return { metric: rule.metric, ok, text: `NGR per player ${m.ngrPerPlayer === null ? "none (no qualified FTDs)" : money(m.ngrPerPlayer)}, at least ${money(rule.minAmount)} required` };
    }
    case "lots_per_trader": {
      const min = lotsToHundredths(rule.minLots);
      const ok = m.lotsPerTrader !== null && m.lotsPerTrader >= min;
      return { metric: rule.metric, ok, text: `lots per trader ${m.lotsPerTrader === null ? "none (no qualified FTDs)" : formatLots(m.lotsPerTrader)}, at least ${formatLots(min)} required` };
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
    if (r.metric === "median_first_deposit") return `median first deposit at least ${money(r.minAmount)}`;
    if (r.metric === "qualified_ftd_count") return `at least ${r.min} qualified FTDs`;
    if (r.metric === "ngr_per_player") return `NGR per player at least ${money(r.minAmount)}`;
    if (r.metric === "lots_per_trader") return `at least ${formatLots(lotsToHundredths(r.minLots))} lots per trader`;
    return `refund rate at most ${formatBp(r.maxBp)}`;
  });
  const effect = kpi.effect === "cpa" ? "The CPA is paid per qualified FTD when the month's KPI is met" : `A bonus of ${money(kpi.bonusAmount ?? 0n)} when the month's KPI is met`;
  return `${effect}: ${rules.join(", ")}`;
}
