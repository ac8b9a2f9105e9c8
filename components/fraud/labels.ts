import type { ReasonCode } from "@/server/fraud/rules/types";

/** What each rule looks for, in the admin's words. */
export const RULE_LABELS: Record<ReasonCode, string> = {
  bot_user_agent: "Bot or crawler user agent",
  datacenter_ip: "Hosting or datacenter network",
  blocked_range: "Blocked IP, range or sub-ID",
  duplicate_clicks: "Duplicate clicks",
  ctit_too_short: "Converted too soon after the click",
  ctit_too_long: "Converted too long after the click",
  click_spam: "Click spamming",
  self_referral: "Self-referral",
  multi_partner_customer: "Customer converting for several partners",
  registration_burst: "Burst of registrations from one IP",
  geo_not_allowed: "Country not accepted",
  refund_rate: "Refund and chargeback rate",
  missing_follow_up: "Registrations without deposits",
  pixel_self_conversion: "Pixel conversion on the click's own browser within seconds",
};

export const ruleLabel = (code: string) => RULE_LABELS[code as ReasonCode] ?? code;

/** Rule settings' fields, labelled with their unit. */
export const FIELD_LABELS: Record<string, string> = {
  windowSeconds: "Window (seconds)",
  maxClicks: "Most clicks allowed",
  minSeconds: "Minimum (seconds)",
  maxSeconds: "Maximum (seconds)",
  windowDays: "Window (days)",
  multiplier: "Times the offer's median",
  minClicks: "From clicks",
  maxPartners: "Most partners allowed",
  maxRegistrations: "Most registrations allowed",
  flagUnknownCountry: "Unknown country trips it",
  thresholdBp: "Alert at (basis points)",
  minSales: "From sales",
  afterDays: "Deposit expected within (days)",
  minRegistrations: "From registrations",
  cidrs: "Extra blocked ranges (one per line)",
  subIds: "Blocked sub-IDs for every partner (one per line)",
};

export const ACTION_LABELS = { allow: "Allow", flag: "Flag", hold: "Hold", reject: "Reject" } as const;
export const ACTION_TONES = { allow: "success", flag: "info", hold: "warning", reject: "danger" } as const;
export const REVIEW_TONES = { open: "warning", cleared: "success", rejected: "danger" } as const;

/** "2.004 s", "12 min", "3.5 h", "31 days": a click-to-conversion time at a glance. */
export function formatSeconds(s: number | null): string {
  if (s === null) return "—";
  const abs = Math.abs(s);
  if (abs < 60) return `${Math.round(s * 1000) / 1000} s`;
  if (abs < 7200) return `${Math.round(s / 60)} min`;
  if (abs < 172_800) return `${Math.round(s / 360) / 10} h`;
  return `${Math.round(s / 8640) / 10} days`;
}

/** "25%" from basis points. */
export const percentBp = (bp: number) => `${Math.round(bp) / 100}%`;
