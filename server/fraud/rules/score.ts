import { compareIds } from "@/server/shared/compare-ids";
import type { FraudConfig } from "./config";
import { RULES, type Rule } from "./registry";
import { type FraudAction, type FraudInput, REASON_CODES, type ReasonCode, type RuleHit } from "./types";

export type Verdict = { score: number; hits: RuleHit[]; action: FraudAction; summary: string };

export const ACTION_RANK: Record<FraudAction, number> = { allow: 0, flag: 1, hold: 2, reject: 3 };

/** Thresholds are inclusive: a score equal to `holdAt` holds. Checked from the top so equal thresholds pick the harshest. */
export function actionFor(score: number, actions: FraudConfig["actions"]): FraudAction {
  if (score >= actions.rejectAt) return "reject";
  if (score >= actions.holdAt) return "hold";
  if (score >= actions.flagAt) return "flag";
  return "allow";
}

/** Highest score first, then reason code, so the same hits always print in the same order. */
export function compareHits(a: RuleHit, b: RuleHit): number {
  return b.score - a.score || compareIds(a.code, b.code);
}

/** Scores a set of hits regardless of the order they arrive in. */
export function combine(hits: readonly RuleHit[], actions: FraudConfig["actions"]): Verdict {
  const sorted = [...hits].sort(compareHits);
  const score = sorted.reduce((sum, h) => sum + h.score, 0);
  const action = actionFor(score, actions);
  const summary =
    sorted.length === 0
      ? `No fraud signals: score 0, ${action}.`
      : `Score ${score}, ${action}: ${sorted.map((h) => `${h.code} (+${h.score})`).join(", ")}.`;
  return { score, hits: sorted, action, summary };
}

function runRule<C extends ReasonCode>(code: C, input: FraudInput, config: FraudConfig): RuleHit | null {
  const settings = config.rules[code];
  if (!settings.enabled) return null;
  const rule: Rule<C> = RULES[code];
  return rule(input, settings);
}

/**
 * Runs every enabled rule and sums the scores. Pure: time comes from the input (conversion and click times),
 * never the clock, so re-scoring the same input gives the same verdict. A rule scoring 0 still reports its
 * hit, so an admin can watch a rule before it counts.
 */
export function evaluate(input: FraudInput, config: FraudConfig): Verdict {
  return evaluateOnly(input, config, REASON_CODES);
}

/** `evaluate` restricted to some rules, e.g. CLICK_REASON_CODES for a click that has no conversion yet. */
export function evaluateOnly(input: FraudInput, config: FraudConfig, codes: readonly ReasonCode[]): Verdict {
  const hits: RuleHit[] = [];
  for (const code of codes) {
    const hit = runRule(code, input, config);
    if (hit) hits.push(hit);
  }
  return combine(hits, config.actions);
}
