import type { CidrSet } from "./cidr";

export const REASON_CODES = [
  "bot_user_agent",
  "datacenter_ip",
  "blocked_range",
  "duplicate_clicks",
  "ctit_too_short",
  "ctit_too_long",
  "click_spam",
  "self_referral",
  "multi_partner_customer",
  "registration_burst",
  "geo_not_allowed",
  "refund_rate",
  "missing_follow_up",
  "pixel_self_conversion",
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

/** The rules that judge a click on its own, without a conversion: what the click sweep runs. */
export const CLICK_REASON_CODES = ["bot_user_agent", "datacenter_ip", "blocked_range", "duplicate_clicks", "geo_not_allowed"] as const satisfies readonly ReasonCode[];

export type Category = "bot" | "duplicate" | "timing" | "self_referral" | "geo" | "quality" | "network";

export type Evidence = Record<string, string | number | boolean | null>;

export type RuleHit = {
  code: ReasonCode;
  score: number;
  category: Category;
  evidence: Evidence;
  /** Plain language for admins: what was seen and which threshold it crossed. */
  message: string;
  /** Category-level text safe to show a partner: it names no rule, threshold or data source. */
  partnerMessage: string;
};

export type FraudAction = "allow" | "flag" | "hold" | "reject";

/** An earlier event (click, conversion, registration) the caller found for a rule; `id` lets the rule count each once. */
export type Occurrence = { id: string; at: Date };

/** The attributed click. `visitorId` is the first-party cookie id; `subIds` are the partner's sub1..subN values. */
export type ClickFacts = {
  id: string;
  at: Date;
  ip: string | null;
  visitorId: string | null;
  isBot: boolean;
  /** ISO 3166-1 alpha-2, upper case, as geo lookup returns it; null when unknown. */
  country: string | null;
  subIds: readonly (string | null)[];
};

/**
 * Everything the engine may look at, loaded by the caller. A null or missing section means "not loaded / not
 * applicable", and every rule that needs it stays silent rather than guessing.
 */
export type FraudInput = {
  conversion: {
    at: Date;
    partnerId: string;
    /** True for events a click directly drives (install, lead, registration); false for later ones (deposit, renewal). */
    clickDriven: boolean;
    /** The customer's IP at conversion (or registration), if known. */
    ip: string | null;
    /** Hash of the customer's normalised e-mail, same hashing as `partner.emailHashes`. */
    emailHash: string | null;
    /** How it was reported: a server postback (`s2s`, the default) or the visitor's browser (`pixel`). */
    source?: "s2s" | "pixel";
    /** Who reported it: the address and first-party visitor id of the request (for a pixel, the browser). */
    reporterIp?: string | null;
    reporterVisitorId?: string | null;
  };
  /** Null for click-less conversions (coupon, direct postback without click id). */
  click: ClickFacts | null;
  partner?: {
    /** Addresses the partner used to log in to the portal. */
    ips: readonly string[];
    emailHashes: readonly string[];
  } | null;
  offer?: {
    /** Empty = every country allowed. */
    allowedCountries: readonly string[];
    /** Median over the offer's partners of clicks per conversion, over the click_spam window; null if unknown. */
    medianClicksPerConversion: number | null;
  } | null;
  /** Compiled with `compileCidrs` from the datacenter/hosting range feed; cache it, it is the same for every call. */
  datacenterRanges?: CidrSet | null;
  history?: {
    /** Clicks on the same link from the same IP (resp. visitor id), at least `duplicate_clicks.windowSeconds` back. */
    sameIpClicks?: readonly Occurrence[];
    sameVisitorClicks?: readonly Occurrence[];
    /**
     * The same two counts over `[click.at - windowSeconds, click.at]`, attributed click included, when the caller
     * counted them in the database: a bot burst can leave far too many clicks to pass as a list. A count wins
     * over its list.
     */
    sameIpClickCount?: number;
    sameVisitorClickCount?: number;
    /** Conversions by the same customer or device, any partner, at least `multi_partner_customer.windowDays` back. */
    customerConversions?: readonly (Occurrence & { partnerId: string })[];
    /** Registrations from the converting customer's registration IP, at least `registration_burst.windowSeconds` back. */
    registrationsFromIp?: readonly Occurrence[];
  } | null;
  /** Partner aggregates over the windows `statWindows(config)` names. */
  stats?: {
    /** Partner's clicks and conversions on this offer. */
    clicks?: { clicks: number; conversions: number } | null;
    /** Partner's sales, and how many of them were refunded or charged back. */
    refunds?: { sales: number; refunds: number; chargebacks: number } | null;
    /** Partner's registrations at least `afterDays` old, and how many of them have no deposit within `afterDays`. */
    followUp?: { matured: number; withoutDeposit: number } | null;
  } | null;
};
