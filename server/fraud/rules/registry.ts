import { clickSpam, duplicateClicks } from "./clicks";
import type { RuleSettings } from "./config";
import { multiPartnerCustomer, registrationBurst, selfReferral } from "./customer";
import { geoNotAllowed } from "./geo";
import { blockedRange, botUserAgent, datacenterIp } from "./network";
import { missingFollowUp, refundRate } from "./quality";
import { pixelSelfConversion } from "./pixel";
import { ctitTooLong, ctitTooShort } from "./timing";
import type { FraudInput, ReasonCode, RuleHit } from "./types";

export type Rule<C extends ReasonCode> = (input: FraudInput, settings: RuleSettings[C]) => RuleHit | null;

/** Every reason code has exactly one rule; the mapped type makes a missing or mistyped entry a compile error. */
export const RULES: { [C in ReasonCode]: Rule<C> } = {
  bot_user_agent: botUserAgent,
  datacenter_ip: datacenterIp,
  blocked_range: blockedRange,
  duplicate_clicks: duplicateClicks,
  ctit_too_short: ctitTooShort,
  ctit_too_long: ctitTooLong,
  click_spam: clickSpam,
  self_referral: selfReferral,
  multi_partner_customer: multiPartnerCustomer,
  registration_burst: registrationBurst,
  geo_not_allowed: geoNotAllowed,
  refund_rate: refundRate,
  missing_follow_up: missingFollowUp,
  pixel_self_conversion: pixelSelfConversion,
};
