import type { StoredPlanTerms, StoredQualificationRules } from "@/db/schema";
import { eventLabel, formatBp, formatMoney } from "./format";
import { describeKpi } from "./kpi";
import { parsePlanTerms, parseQualificationRules } from "./schemas";
import type { PlanTerms, QualificationRules } from "./types";

/** JSON has no bigint: every bigint becomes its digits, which `parsePlanTerms` reads back to the same value. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, jsonSafe(v)]));
  return value;
}

export const toStoredTerms = (terms: PlanTerms): StoredPlanTerms => jsonSafe(terms) as StoredPlanTerms;
export const fromStoredTerms = (stored: StoredPlanTerms): PlanTerms => parsePlanTerms(stored);

export const toStoredRules = (rules: QualificationRules): StoredQualificationRules => jsonSafe(rules) as StoredQualificationRules;
export const fromStoredRules = (stored: StoredQualificationRules): QualificationRules => parseQualificationRules(stored);

/**
 * One line per component, as partners read their terms: "200.00 USD per FTD", "25% of deposit for 12 months",
 * "30% of NGR, negative months carried forward", "EURUSD, GBPUSD (Majors): 8.00 USD per lot".
 */
export function describeTerms(terms: PlanTerms): string[] {
  const c = terms.components;
  const money = (v: bigint) => formatMoney(v, terms.currency);
  const out: string[] = [];
  if (c.cpa) out.push(`${money(c.cpa.amount)} per ${eventLabel(c.cpa.event)}`);
  if (c.revshare) {
    const months = c.revshare.recurringMonths ? ` for ${c.revshare.recurringMonths} months per customer` : "";
    out.push(`${formatBp(c.revshare.rateBp)} of ${c.revshare.events.map(eventLabel).join(", ")}${months}`);
  }
  if (c.ngr) {
    const carry = { carry_forward: "negative months carried forward", reset_monthly: "negative balance reset monthly", none: "no negative netting" }[c.ngr.carryover];
    out.push(`${formatBp(c.ngr.rateBp)} of NGR, settled monthly, ${carry}`);
  }
  if (c.tiers) {
    const unit = c.tiers.metric === "ftd_count" ? "FTDs" : c.tiers.metric === "event_count" ? `${eventLabel(c.tiers.event)} events` : `${terms.currency} of ${eventLabel(c.tiers.event)}`;
    const steps = c.tiers.tiers.map((t) => `${t.from}${t.to === null ? "+" : `–${t.to}`}: ${t.amount !== undefined ? money(t.amount) : formatBp(t.rateBp ?? 0)}`);
    out.push(`Tiers on ${c.tiers.appliesTo.toUpperCase()} by monthly ${unit}: ${steps.join(", ")}`);
  }
  if (c.lots) {
    for (const g of c.lots.groups) out.push(`${g.instruments.join(", ")} (${g.name}): ${money(g.ratePerLot)} per lot`);
    if (c.lots.defaultRatePerLot != null) out.push(`Other instruments: ${money(c.lots.defaultRatePerLot)} per lot`);
  }
  if (c.kpi) out.push(describeKpi(c.kpi, terms));
  if (c.multiTier) out.push(`Sub-partner overrides: ${c.multiTier.levels.map((bp, i) => `level ${i + 1} ${formatBp(bp)}`).join(", ")}`);
  return out;
}
