import { z } from "zod";
import { isCidr } from "@/server/net/cidr-parse";

const DAY_S = 86_400;

const score = z.int("Use a whole number of points").min(0, "Use 0 to 1000 points").max(1000, "Use 0 to 1000 points");
const seconds = (max: number) => z.int().min(1).max(max);
const count = z.int().min(1).max(1_000_000);
/** Rates in basis points (2500 = 25%), as commission rates are: integer maths keeps the boundary exact. */
const rateBp = z.int("Use whole basis points (1 bp = 0.01%)").min(1, "Use 1 to 10000 bp").max(10_000, "Use 1 to 10000 bp");
const base = { enabled: z.boolean(), score };
const rule = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ ...base, ...shape });

const ruleSchemas = {
  bot_user_agent: rule({}),
  datacenter_ip: rule({}),
  blocked_range: rule({
    cidrs: z.array(z.string().trim().refine(isCidr, "Use an IP address or a range such as 203.0.113.0/24 or 2001:db8::/32")).max(1000),
    subIds: z.array(z.string().min(1).max(128)).max(1000),
  }),
  duplicate_clicks: rule({ windowSeconds: seconds(30 * DAY_S), maxClicks: count }),
  ctit_too_short: rule({ minSeconds: seconds(DAY_S) }),
  ctit_too_long: rule({ maxSeconds: seconds(365 * DAY_S) }),
  click_spam: rule({ windowDays: z.int().min(1).max(365), multiplier: z.number().min(1).max(1000), minClicks: count }),
  self_referral: rule({}),
  multi_partner_customer: rule({ windowDays: z.int().min(1).max(365), maxPartners: count }),
  registration_burst: rule({ windowSeconds: seconds(30 * DAY_S), maxRegistrations: count }),
  geo_not_allowed: rule({ flagUnknownCountry: z.boolean() }),
  refund_rate: rule({ windowDays: z.int().min(1).max(365), thresholdBp: rateBp, minSales: count }),
  missing_follow_up: rule({ afterDays: z.int().min(1).max(365), thresholdBp: rateBp, minRegistrations: count }),
  pixel_self_conversion: rule({ windowSeconds: seconds(DAY_S) }),
};

const actionsShape = { flagAt: z.int().min(1).max(100_000), holdAt: z.int().min(1).max(100_000), rejectAt: z.int().min(1).max(100_000) };

type Actions = { flagAt: number; holdAt: number; rejectAt: number };

function checkOrder(actions: Actions, ctx: z.RefinementCtx): void {
  if (actions.flagAt > actions.holdAt) ctx.addIssue({ code: "custom", path: ["actions", "holdAt"], message: `Hold must start at or above flag (${actions.flagAt})` });
  if (actions.holdAt > actions.rejectAt) ctx.addIssue({ code: "custom", path: ["actions", "rejectAt"], message: `Reject must start at or above hold (${actions.holdAt})` });
}

export const fraudConfigSchema = z
  .strictObject({ rules: z.strictObject(ruleSchemas), actions: z.strictObject(actionsShape) })
  .superRefine((config, ctx) => checkOrder(config.actions, ctx));

export type FraudConfig = z.infer<typeof fraudConfigSchema>;
export type RuleSettings = FraudConfig["rules"];

type PartialRules = { [K in keyof typeof ruleSchemas]: z.ZodOptional<ReturnType<(typeof ruleSchemas)[K]["partial"]>> };

/** Program or offer overrides: any rule, any field; what is omitted keeps the value underneath. */
export const fraudOverridesSchema = z.strictObject({
  rules: z
    .strictObject(
      Object.fromEntries(Object.entries(ruleSchemas).map(([code, s]) => [code, s.partial().optional()])) as PartialRules,
    )
    .optional(),
  actions: z.strictObject(actionsShape).partial().optional(),
});

export type FraudOverrides = z.input<typeof fraudOverridesSchema>;

export const FRAUD_DEFAULTS: FraudConfig = {
  rules: {
    bot_user_agent: { enabled: true, score: 40 },
    datacenter_ip: { enabled: true, score: 30 },
    blocked_range: { enabled: true, score: 100, cidrs: [], subIds: [] },
    duplicate_clicks: { enabled: true, score: 20, windowSeconds: 3600, maxClicks: 5 },
    ctit_too_short: { enabled: true, score: 40, minSeconds: 5 },
    ctit_too_long: { enabled: true, score: 10, maxSeconds: 30 * DAY_S },
    click_spam: { enabled: true, score: 30, windowDays: 30, multiplier: 5, minClicks: 500 },
    self_referral: { enabled: true, score: 80 },
    multi_partner_customer: { enabled: true, score: 30, windowDays: 30, maxPartners: 1 },
    registration_burst: { enabled: true, score: 30, windowSeconds: 3600, maxRegistrations: 3 },
    geo_not_allowed: { enabled: true, score: 50, flagUnknownCountry: false },
    refund_rate: { enabled: true, score: 30, windowDays: 90, thresholdBp: 2500, minSales: 20 },
    missing_follow_up: { enabled: true, score: 20, afterDays: 14, thresholdBp: 8000, minRegistrations: 20 },
    // a hold on its own: with ctit_too_short (under 5 s) it reaches reject
    pixel_self_conversion: { enabled: true, score: 60, windowSeconds: 120 },
  },
  actions: { flagAt: 30, holdAt: 60, rejectAt: 100 },
};

export function parseFraudConfig(input: unknown): FraudConfig {
  return fraudConfigSchema.parse(input);
}

/**
 * Offer overrides on top of program defaults (call it twice for FRAUD_DEFAULTS -> program -> offer). Each rule
 * merges field by field; a list (blocked CIDRs, sub-ids) replaces the one below rather than adding to it, so an
 * offer can also shorten it. The result is validated as a whole: an offer moving `holdAt` below the program's
 * `flagAt` is an error, not a silently reordered ladder. Throws ZodError.
 */
export function mergeConfig(programDefaults: FraudConfig, offerOverrides: FraudOverrides | null | undefined): FraudConfig {
  const overrides = fraudOverridesSchema.parse(offerOverrides ?? {});
  const rules: Record<string, unknown> = {};
  for (const [code, settings] of Object.entries(programDefaults.rules)) {
    const override = overrides.rules?.[code as keyof RuleSettings];
    rules[code] = { ...settings, ...stripUndefined(override ?? {}) };
  }
  const actions = { ...programDefaults.actions, ...stripUndefined(overrides.actions ?? {}) };
  return fraudConfigSchema.parse({ rules, actions });
}

function stripUndefined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** The windows the caller loads `input.history` and `input.stats` over, so data and thresholds agree. */
export function statWindows(config: FraudConfig) {
  const r = config.rules;
  return {
    duplicateClicksSeconds: r.duplicate_clicks.windowSeconds,
    registrationBurstSeconds: r.registration_burst.windowSeconds,
    customerConversionsDays: r.multi_partner_customer.windowDays,
    clickSpamDays: r.click_spam.windowDays,
    refundDays: r.refund_rate.windowDays,
    followUpAfterDays: r.missing_follow_up.afterDays,
  };
}
