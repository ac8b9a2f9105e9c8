import { eventLabel, formatBp, formatMoney } from "./format";
import { lotsLine } from "./lots";
import { recurringMonth } from "./recurring";
import { mulBp } from "./rounding";
import { chooseTier } from "./tiers";
import type { CommissionEvent, CommissionLine, EventCommission, EventContext, PlanTerms } from "./types";
import { REVERSING_EVENTS } from "@/server/shared/conversion-events";

/** The event type that reports a customer's net gaming revenue; it is settled monthly (settle-ngr.ts). */
export const NGR_EVENT = "ngr";

/** Event types that undo an earlier event rather than earn. */
const REVERSALS = new Set<string>(REVERSING_EVENTS);

type Part = CommissionLine | { note: string } | undefined;

function tierFor(terms: PlanTerms, component: "cpa" | "revshare", ctx: EventContext) {
  const tiers = terms.components.tiers;
  return tiers?.appliesTo === component ? chooseTier(tiers, ctx.periodVolume, terms.currency) : undefined;
}

/** A qualification failure stops the CPA only: a revshare or a lot rebate pays on activity whatever the CPA rules. */
function cpaPart(terms: PlanTerms, event: CommissionEvent, ctx: EventContext): Part {
  const cpa = terms.components.cpa;
  if (!cpa || cpa.event !== event.type) return undefined;
  if (ctx.qualification && !ctx.qualification.ok) return { note: `CPA not paid: ${ctx.qualification.reason}` };
  if (terms.components.kpi?.effect === "cpa") return { note: `CPA ${formatMoney(cpa.amount, terms.currency)} depends on the month's KPI: paid per qualified FTD when the month settles` };
  const choice = tierFor(terms, "cpa", ctx);
  const amount = choice?.tier?.amount ?? cpa.amount;
  const tierText = choice ? `, ${choice.label}` : "";
  return { component: "cpa", basis: `CPA for ${eventLabel(cpa.event)}${tierText}: ${formatMoney(amount, terms.currency)}`, amount };
}

/**
 * Recurring months count from the customer's first commissioned event; with no earlier commission, this event
 * is the first and opens month 1.
 */
function revsharePart(terms: PlanTerms, event: CommissionEvent, ctx: EventContext): Part {
  const revshare = terms.components.revshare;
  if (!revshare || !revshare.events.includes(event.type)) return undefined;
  const amount = event.amount ?? null;
  if (amount === null) return { note: `revshare not paid: the ${eventLabel(event.type)} reports no amount` };
  let monthText = "";
  const months = revshare.recurringMonths ?? null;
  if (months !== null) {
    const { month, paid } = recurringMonth(ctx.customerFirstCommissionAt ?? event.occurredAt, event.occurredAt, months);
    if (!paid) return { note: `revshare not paid: it pays for ${months} months from the customer's first commission, and this is month ${month}` };
    monthText = `, month ${month} of ${months}`;
  }
  const choice = tierFor(terms, "revshare", ctx);
  const rateBp = choice?.tier?.rateBp ?? revshare.rateBp;
  const commission = mulBp(amount, rateBp);
  const rateText = choice ? `${formatBp(rateBp)} (${choice.label})` : formatBp(rateBp);
  const basis = `${rateText} of ${formatMoney(amount, terms.currency)} ${eventLabel(event.type)} = ${formatMoney(commission, terms.currency)}${monthText}`;
  return { component: "revshare", basis, amount: commission };
}

function lotsPart(terms: PlanTerms, event: CommissionEvent): Part {
  const lots = terms.components.lots;
  if (!lots || lots.event !== event.type) return undefined;
  const line = lotsLine(lots, event.lots, event.instrument, terms.currency);
  return "reason" in line ? { note: `lot rebate not paid: ${line.reason}` } : line;
}

/**
 * What one event earns the partner it is attributed to, line by line, each line explaining its formula.
 *
 * Not computed here, on purpose:
 * - refunds and chargebacks (a reversal type or a negative amount): they reverse the commission of the original
 *   event, which the ledger holds, rather than earning a negative commission of their own;
 * - NGR (`ngr` events): the revenue share is settled once a month over all the partner's customers (settle-ngr.ts),
 *   because carry-over makes an event's share depend on the rest of the month;
 * - multi-tier overrides: the caller applies `overrides` (multi-tier.ts) to this result's total for the uplines.
 *
 * `ctx.periodVolume` must already count this event, so the 11th FTD of the month is paid at the 11–50 tier.
 */
export function computeEventCommission(terms: PlanTerms, event: CommissionEvent, ctx: EventContext): EventCommission {
  const what = eventLabel(event.type);
  // NGR may be negative: it is settled over the month, so its sign means nothing here
  if (event.type === NGR_EVENT) return { total: 0n, reason: terms.components.ngr ? "NGR revenue share is settled monthly, not per event" : `${what} events earn nothing on this plan` };
  if (REVERSALS.has(event.type) || (event.amount ?? 0n) < 0n) {
    return { total: 0n, reason: "refunds and chargebacks reverse the commission of the original event; they earn no commission of their own" };
  }
  if (event.currency !== terms.currency) {
    return { total: 0n, reason: `the ${what} is in ${event.currency.slice(0, 8)}, but the plan pays in ${terms.currency}` };
  }

  const parts = [cpaPart(terms, event, ctx), revsharePart(terms, event, ctx), lotsPart(terms, event)].filter((p) => p !== undefined);
  const lines = parts.filter((p): p is CommissionLine => "component" in p);
  const notes = parts.filter((p): p is { note: string } => "note" in p).map((p) => p.note);
  if (lines.length === 0) {
    return { total: 0n, reason: notes.length > 0 ? notes.join("; ") : `${what} events earn nothing on this plan` };
  }
  return { lines, total: lines.reduce<bigint>((sum, l) => sum + l.amount, 0n), notes };
}
