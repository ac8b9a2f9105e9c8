import type { StoredRuleHit } from "@/db/schema";
import { PARTNER_MESSAGES } from "./rules/hit";
import type { Category } from "./rules/types";

/** Short names of the reason categories, safe for partners: they say what kind of problem, not how it was seen. */
export const CATEGORY_LABELS: Record<Category, string> = {
  bot: "automated traffic",
  duplicate: "duplicate activity",
  timing: "unusual timing",
  self_referral: "self-referral",
  geo: "region not accepted",
  quality: "traffic quality",
  network: "network not accepted",
};

const isCategory = (c: string): c is Category => c in CATEGORY_LABELS;

/** The categories of a check's hits, strongest first, each once, with the partner-safe label and message. */
export function partnerReasons(hits: readonly StoredRuleHit[]): { category: Category; label: string; message: string }[] {
  const seen = new Set<Category>();
  for (const h of [...hits].sort((a, b) => b.score - a.score)) if (isCategory(h.category)) seen.add(h.category);
  return [...seen].map((category) => ({ category, label: CATEGORY_LABELS[category], message: PARTNER_MESSAGES[category] }));
}

/** "automated traffic, duplicate activity": what a partner reads after "rejected:". */
export function partnerReasonText(hits: readonly StoredRuleHit[]): string {
  const reasons = partnerReasons(hits);
  return reasons.length > 0 ? reasons.map((r) => r.label).join(", ") : "the program's traffic rules";
}
