import type { AttributionSource, RecordedShare, RecordedTouch, StoredModel } from "@/db/schema";
import { compareIds, computeCredits, countedTouchpoints, type ModelConfig, type Touchpoint } from "./models";

const DAY_MS = 86_400_000;

export type JourneyClick = Touchpoint & { linkId: string | null; sub: (string | null)[] };

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

type Options = { explain: boolean };

/** The click evidence: the reported click and the journey that led to it, weighed by the model. */
function fromClicks(input: DecisionInput, rules: string[], opts: Options): Omit<Decision, "conversionId" | "status" | "partnerId" | "model"> | null {
  const windowStart = input.occurredAt.getTime() - input.windowDays * DAY_MS;
  let journey = input.journey;
  const reported = input.reportedClick;
  if (reported) {
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
    const later = journey.filter((t) => t.at.getTime() > at || (t.at.getTime() === at && compareIds(t.clickId, reported.clickId) > 0));
    if (later.length > 0) rules.push(`${later.length} click(s) after the reported click do not count`);
    journey = journey.filter((t) => !later.includes(t) && t.clickId !== reported.clickId);
    journey.push(reported);
  } else {
    // Without a reported click there is no journey to anchor: a customer-only event goes to the binding.
    return null;
  }
  const inWindow = journey.filter((t) => t.at.getTime() >= windowStart);
  if (inWindow.length < journey.length) rules.push(`${journey.length - inWindow.length} click(s) older than the ${input.windowDays}-day window do not count`);
  const config = toModelConfig(input.model, input.learnedWeights);
  const result = computeCredits(inWindow, input.occurredAt, config);
  if (result.credits.length === 0) return null;
  if (!opts.explain) return { source: "click", fellBackTo: result.fellBackTo ?? null, rules, touchpoints: [], credits: result.credits, reason: "" };
  const touches = countedTouchpoints(inWindow, input.occurredAt) as JourneyClick[];
  if (result.note) rules.push(result.note);
  if (touches.length > 1) rules.push(`${touches.length} clicks in the journey`);
  return {
    source: "click",
    fellBackTo: result.fellBackTo ?? null,
    rules,
    touchpoints: touches.map((t, i) => ({
      clickId: t.clickId,
      at: t.at.toISOString(),
      partnerId: t.partnerId,
      linkId: t.linkId,
      sub: t.sub,
      weight: result.touchWeights[i] ?? 0,
    })),
    credits: result.credits,
    reason: touches.length === 1 ? "the reported click within the attribution window" : `the journey's ${touches.length} clicks, weighed by the ${input.model.model.replace("_", " ")} model`,
  };
}

/**
 * Who earned a conversion, and why. Evidence is tried in the program's priority order (default: the
 * reported click with its journey, then the customer's lifetime binding, then a coupon code); the first
 * that identifies a partner decides. Pure: the same input always gives the same decision.
 * `explain: false` (the simulator) skips building the per-touch record; credits are the same.
 */
export function decide(input: DecisionInput, opts: Options = { explain: true }): Decision {
  const rules: string[] = [];
  const base = { conversionId: input.conversionId, model: input.model };
  for (const source of input.priority) {
    if (source === "click") {
      const found = fromClicks(input, rules, opts);
      if (found) return { ...base, ...found, status: "attributed", partnerId: headline(found.credits) };
    } else if (source === "customer_binding" && input.bindingPartnerId) {
      rules.push("the customer is bound for life to the partner of their first attributed event");
      return { ...base, status: "attributed", source, partnerId: input.bindingPartnerId, fellBackTo: null, rules, touchpoints: [], credits: single(input.bindingPartnerId), reason: "customer is bound to this partner by an earlier attributed event" };
    } else if (source === "coupon" && input.coupon) {
      rules.push(`coupon ${input.coupon.code} belongs to this partner`);
      return { ...base, status: "attributed", source, partnerId: input.coupon.partnerId, fellBackTo: null, rules, touchpoints: [], credits: single(input.coupon.partnerId), reason: `coupon ${input.coupon.code} belongs to this partner` };
    }
  }
  const reason = rules.length > 0 ? rules.join("; ") : "no click, customer binding or coupon identifies a partner";
  return { ...base, status: "unattributed", source: null, partnerId: null, fellBackTo: null, rules, touchpoints: [], credits: [], reason };
}
