import type { Category, Evidence, ReasonCode, RuleHit } from "./types";

/** What a partner may be told: the category only, so the text teaches nothing about how detection works. */
export const PARTNER_MESSAGES: Record<Category, string> = {
  bot: "Some of this traffic appears to be automated.",
  duplicate: "Some of this activity appears to be duplicated.",
  timing: "Some of this activity does not follow a normal pattern for genuine customers.",
  self_referral: "Some of this activity appears to come from your own accounts or devices.",
  geo: "Some of this traffic comes from regions this offer does not accept.",
  quality: "The quality of this traffic is below the program's standards.",
  network: "Some of this traffic comes from networks this program does not accept.",
};

export const RULE_CATEGORY: Record<ReasonCode, Category> = {
  bot_user_agent: "bot",
  datacenter_ip: "network",
  blocked_range: "network",
  duplicate_clicks: "duplicate",
  ctit_too_short: "timing",
  ctit_too_long: "timing",
  click_spam: "quality",
  self_referral: "self_referral",
  multi_partner_customer: "duplicate",
  registration_burst: "duplicate",
  geo_not_allowed: "geo",
  refund_rate: "quality",
  missing_follow_up: "quality",
  pixel_self_conversion: "self_referral",
};

export function hit(code: ReasonCode, score: number, message: string, evidence: Evidence): RuleHit {
  const category = RULE_CATEGORY[code];
  return { code, score, category, evidence, message, partnerMessage: PARTNER_MESSAGES[category] };
}

/** Occurrences with `from <= at <= to`, each id once; `extra` (the event under test) is counted too. */
export function countInWindow(items: readonly { id: string; at: Date }[], from: number, to: number, extra?: { id: string; at: Date }): number {
  const ids = new Set<string>();
  for (const item of extra ? [...items, extra] : items) {
    const t = item.at.getTime();
    if (t >= from && t <= to) ids.add(item.id);
  }
  return ids.size;
}

/** "25.5%" from a ratio in basis points, for admin messages. */
export const percent = (bp: number): string => `${Math.round(bp) / 100}%`;

export function formatDuration(seconds: number): string {
  const abs = Math.abs(seconds);
  const sign = seconds < 0 ? "-" : "";
  // Milliseconds matter just under a short threshold: 4.999 s must not read as "5 s" next to a 5 s limit.
  if (abs < 10) return `${sign}${Math.round(abs * 1000) / 1000} s`;
  if (abs < 120) return `${sign}${Math.round(abs * 10) / 10} s`;
  if (abs < 7200) return `${sign}${Math.round(abs / 60)} min`;
  if (abs < 172_800) return `${sign}${Math.round(abs / 360) / 10} h`;
  return `${sign}${Math.round(abs / 8640) / 10} days`;
}
