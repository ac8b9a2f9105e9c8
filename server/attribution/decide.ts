import type { AttributionSource, RecordedShare, RecordedTouch, StoredModel } from "@/db/schema";
import { compareIds } from "@/server/shared/compare-ids";
import { computeCredits, countedTouchpoints, type ModelConfig, type Touchpoint } from "./models";
import { DAY_MS } from "@/server/time/days";


/** `notCredited`: why the click can never earn (marked when it was made, e.g. "partner_suspended"). */
export type JourneyClick = Touchpoint & { linkId: string | null; sub: (string | null)[]; notCredited?: string | null };

/** Everything known about one conversion that attribution may use, loaded in bulk by load-inputs.ts. */
export type DecisionInput = {
  conversionId: string;
  occurredAt: Date;
  windowDays: number;
  model: StoredModel;
  priority: readonly AttributionSource[];
  /** The click the postback named (click_id), if any. */
  reportedClick: JourneyClick | null;
  /** The reported click's visitor's clicks (and the bound customer's other devices') on this offer inside the window, up to the conversion. */
  journey: JourneyClick[];
  bindingPartnerId: string | null;
  coupon: { code: string; partnerId: string } | null;
  /** Learned data-driven weights of the program (null: none yet or too little data). */
  learnedWeights: Record<string, number> | null;
  /** Partners who may not earn now (status other than approved), with their status: their evidence is ignored. */
  refused?: ReadonlyMap<string, string>;
};

export type Decision = {
  conversionId: string;
  status: "attributed" | "unattributed";
  source: AttributionSource | null;
  /** The partner with the largest credit (ties: lowest id): the conversion's headline partner. */
  partnerId: string | null;
  model: StoredModel;
  fellBackTo: string | null;
  rules: string[];
  touchpoints: RecordedTouch[];
  credits: RecordedShare[];
  reason: string;
};

export function toModelConfig(model: StoredModel, learnedWeights: Record<string, number> | null): ModelConfig {
  switch (model.model) {
    case "data_driven":
      return { model: "data_driven", weights: learnedWeights };
    case "time_decay":
    case "position_based":
      return model;
    default:
      return { model: model.model };
  }
}

function headline(credits: RecordedShare[]): string | null {
  let best: RecordedShare | null = null;
  for (const c of credits) if (!best || c.credit > best.credit || (c.credit === best.credit && compareIds(c.partnerId, best.partnerId) < 0)) best = c;
  return best?.partnerId ?? null;
}

const single = (partnerId: string): RecordedShare[] => [{ partnerId, credit: 1 }];

/** The clicks that count for a conversion: the reported click and the journey before it, inside the window. */
export function clickTouches(input: DecisionInput, rules: string[]): JourneyClick[] | null {
  const reported = input.reportedClick;
  // Without a reported click there is no journey to anchor: a customer-only event goes to the binding.
  if (!reported) return null;
  const refusal = refusalOf(input, reported);
  if (refusal) {
    rules.push(`the reported click ${refusal}, so it earns nothing`);
    return null;
  }
  const windowStart = input.occurredAt.getTime() - input.windowDays * DAY_MS;
  const at = reported.at.getTime();
  if (at > input.occurredAt.getTime()) {
    rules.push("the reported click is later than the conversion, so it does not count");
    return null;
  }
  if (at < windowStart) {
    rules.push(`the reported click is older than the ${input.windowDays}-day attribution window`);
    return null;
  }
  // The operator's backend named the click that converted: later clicks of the journey do not count.
  const touches: JourneyClick[] = [];
  let later = 0;
  let old = 0;
  let refused = 0;
  for (const t of input.journey) {
    if (t.clickId === reported.clickId) continue;
    if (refusalOf(input, t)) {
      refused++;
      continue;
    }
    const tAt = t.at.getTime();
    if (tAt > at || (tAt === at && compareIds(t.clickId, reported.clickId) > 0)) later++;
    else if (tAt < windowStart) old++;
    else touches.push(t);
  }
  touches.push(reported);
  if (later > 0) rules.push(`${later} click(s) after the reported click do not count`);
  if (old > 0) rules.push(`${old} click(s) older than the ${input.windowDays}-day window do not count`);
  if (refused > 0) rules.push(`${refused} click(s) of partners who may not earn do not count`);
  return touches;
}

/** Why a click cannot earn: its partner is not approved now, or was not when the click was made. Null: it can. */
function refusalOf(input: DecisionInput, click: JourneyClick): string | null {
  const status = input.refused?.get(click.partnerId);
  if (status) return `belongs to a partner who is ${status}`;
  if (click.notCredited) return `was made while its partner was ${click.notCredited.replace(/^partner_/, "")}`;
  return null;
}

/** Which evidence decides, in the program's priority order (the same for every model). */
export type Evidence = { source: "click"; touches: JourneyClick[] } | { source: "customer_binding" | "coupon"; partnerId: string };

export function findEvidence(input: DecisionInput, rules: string[]): Evidence | null {
  for (const source of input.priority) {
    if (source === "click") {
      const touches = clickTouches(input, rules);
      if (touches) return { source, touches };
    } else if (source === "customer_binding" && input.bindingPartnerId && input.refused?.has(input.bindingPartnerId)) {
      rules.push(`the customer is bound to a partner who is ${input.refused.get(input.bindingPartnerId)}, who earns nothing`);
    } else if (source === "coupon" && input.coupon && input.refused?.has(input.coupon.partnerId)) {
      rules.push(`coupon ${input.coupon.code} belongs to a partner who is ${input.refused.get(input.coupon.partnerId)}, who earns nothing`);
    } else if (source === "customer_binding" && input.bindingPartnerId) {
      rules.push("the customer is bound for life to the partner of their first attributed event");
      return { source, partnerId: input.bindingPartnerId };
    } else if (source === "coupon" && input.coupon) {
      rules.push(`coupon ${input.coupon.code} belongs to this partner`);
      return { source, partnerId: input.coupon.partnerId };
    }
  }
  return null;
}

/**
 * Who earned a conversion, and why. Evidence is tried in the program's priority order (default: the
 * reported click with its journey, then the customer's lifetime binding, then a coupon code); the first
 * that identifies a partner decides. Pure: the same input always gives the same decision.
 */
export function decide(input: DecisionInput): Decision {
  const rules: string[] = [];
  const base = { conversionId: input.conversionId, model: input.model };
  const evidence = findEvidence(input, rules);
  if (!evidence) {
    const reason = rules.length > 0 ? rules.join("; ") : "no click, customer binding or coupon identifies a partner";
    return { ...base, status: "unattributed", source: null, partnerId: null, fellBackTo: null, rules, touchpoints: [], credits: [], reason };
  }
  if (evidence.source !== "click") {
    const reason = evidence.source === "coupon" ? rules.at(-1)! : "customer is bound to this partner by an earlier attributed event";
    return { ...base, status: "attributed", source: evidence.source, partnerId: evidence.partnerId, fellBackTo: null, rules, touchpoints: [], credits: single(evidence.partnerId), reason };
  }
  const result = computeCredits(evidence.touches, input.occurredAt, toModelConfig(input.model, input.learnedWeights));
  const touches = countedTouchpoints(evidence.touches, input.occurredAt) as JourneyClick[];
  if (result.note) rules.push(result.note);
  if (touches.length > 1) rules.push(`${touches.length} clicks in the journey`);
  return {
    ...base,
    status: "attributed",
    source: "click",
    partnerId: headline(result.credits),
    fellBackTo: result.fellBackTo ?? null,
    rules,
    touchpoints: touches.map((t, i) => ({ clickId: t.clickId, at: t.at.toISOString(), partnerId: t.partnerId, linkId: t.linkId, sub: t.sub, weight: result.touchWeights[i] ?? 0 })),
    credits: result.credits,
    reason: touches.length === 1 ? "the reported click within the attribution window" : `the journey's ${touches.length} clicks, weighed by the ${input.model.model.replace("_", " ")} model`,
  };
}
