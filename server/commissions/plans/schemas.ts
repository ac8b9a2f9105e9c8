import { z } from "zod";
import { isKnownCurrency } from "@/server/money/currency";
import { EVENT_TYPE } from "@/server/shared/conversion-events";
import type { PlanTerms, QualificationRules, Tier, TierMetric } from "./types";

/** 15 digits, as parseAmount allows: far above any real commission, and safe to show as a JS number if ever needed. */
const MAX_MINOR = 999_999_999_999_999n;

/**
 * Minor units as a bigint, a safe integer or a string of digits. Terms are stored as JSON, which has no bigint,
 * so a stored plan carries its amounts as strings and parses back to the same bigint.
 */
const minor = z
  .union([z.bigint(), z.int(), z.string().regex(/^-?\d{1,18}$/, "Use a whole number of minor units, such as 20000 for 200.00")])
  .transform((v) => BigInt(v))
  .pipe(z.bigint().min(0n, "Must not be negative").max(MAX_MINOR, "Too large"));

const rateBp = z.int("Use whole basis points (1 bp = 0.01%)").min(0, "Use 0 to 10000 bp (0% to 100%)").max(10_000, "Use 0 to 10000 bp (0% to 100%)");
const eventType = z.string().trim().toLowerCase().regex(EVENT_TYPE, "Use lower-case letters, digits and _ (at most 32)");
const instrument = z.string().trim().toUpperCase().regex(/^[A-Z0-9._/-]{1,32}$/, "Use an instrument symbol such as EURUSD");
const uniqueList = <T extends z.ZodType<string>>(item: T, max: number) =>
  z.array(item).min(1).max(max).refine((v) => new Set(v).size === v.length, "Remove the repeated entry");

const cpaSchema = z.strictObject({ event: eventType, amount: minor });

const revshareSchema = z.strictObject({
  events: uniqueList(eventType, 20),
  rateBp,
  recurringMonths: z.int().min(1, "Use 1 to 120 months").max(120, "Use 1 to 120 months").nullish(),
});

const ngrSchema = z.strictObject({ rateBp, carryover: z.enum(["carry_forward", "reset_monthly", "none"]) });

const tierSchema = z.strictObject({
  from: z.int().min(0),
  to: z.int().min(0).nullable(),
  amount: minor.optional(),
  rateBp: rateBp.optional(),
});

/** Counts start at the 1st event; an amount sum can be 0 (a period with only zero-amount events). */
export const tierStart = (metric: TierMetric) => (metric === "amount_sum" ? 0 : 1);

/**
 * The tiers must cover every volume from the start up with no gap and no overlap, so exactly one tier (or, past a
 * closed last tier, none) applies to any volume. Returned as messages by index so the form can mark the row.
 */
export function tierIssues(metric: TierMetric, appliesTo: "cpa" | "revshare" | "ngr", tiers: readonly Tier[]): { index: number; field: keyof Tier; message: string }[] {
  const issues: { index: number; field: keyof Tier; message: string }[] = [];
  const start = tierStart(metric);
  tiers.forEach((t, i) => {
    const prev = tiers[i - 1];
    if (!prev && t.from !== start) issues.push({ index: i, field: "from", message: `The first tier must start at ${start}` });
    if (prev && prev.to !== null && t.from > prev.to + 1) issues.push({ index: i, field: "from", message: `Gap: nothing covers ${prev.to + 1} to ${t.from - 1}` });
    if (prev && prev.to !== null && t.from <= prev.to) issues.push({ index: i, field: "from", message: `Overlaps the tier before, which ends at ${prev.to}` });
    if (t.to === null && i < tiers.length - 1) issues.push({ index: i, field: "to", message: "Only the last tier may be open-ended" });
    if (t.to !== null && t.to < t.from) issues.push({ index: i, field: "to", message: "Ends before it starts" });
    const wants = appliesTo === "cpa" ? "amount" : "rateBp";
    const other = appliesTo === "cpa" ? "rateBp" : "amount";
    if (t[wants] === undefined) issues.push({ index: i, field: wants, message: appliesTo === "cpa" ? "Enter the CPA amount for this tier" : "Enter the rate for this tier" });
    if (t[other] !== undefined) issues.push({ index: i, field: other, message: `A ${appliesTo} tier sets ${wants === "amount" ? "an amount" : "a rate"}, not ${other === "amount" ? "an amount" : "a rate"}` });
  });
  return issues;
}

const tiersSchema = z
  .strictObject({
    metric: z.enum(["ftd_count", "event_count", "amount_sum"]),
    event: eventType,
    appliesTo: z.enum(["cpa", "revshare", "ngr"]),
    tiers: z.array(tierSchema).min(1).max(20),
  })
  .superRefine((v, ctx) => {
    for (const issue of tierIssues(v.metric, v.appliesTo, v.tiers)) ctx.addIssue({ code: "custom", path: ["tiers", issue.index, issue.field], message: issue.message });
  });

const lotsSchema = z
  .strictObject({
    event: eventType.default("trade"),
    groups: z.array(z.strictObject({ name: z.string().trim().min(1).max(64), instruments: uniqueList(instrument, 500), ratePerLot: minor })).max(50),
    defaultRatePerLot: minor.nullish(),
  })
  .superRefine((v, ctx) => {
    const owner = new Map<string, string>();
    v.groups.forEach((g, i) => {
      if (v.groups.findIndex((o) => o.name === g.name) < i) ctx.addIssue({ code: "custom", path: ["groups", i, "name"], message: "Another group has this name" });
      for (const s of g.instruments) {
        const first = owner.get(s);
        if (first !== undefined) ctx.addIssue({ code: "custom", path: ["groups", i, "instruments"], message: `${s} is already in ${first}` });
        else owner.set(s, g.name);
      }
    });
    if (v.groups.length === 0 && (v.defaultRatePerLot ?? null) === null) ctx.addIssue({ code: "custom", path: ["groups"], message: "Add a group or a default rate per lot" });
  });

/** At most 5 levels: deeper networks pay overrides nobody can reason about, and invite pyramid schemes. */
const multiTierSchema = z.strictObject({ levels: z.array(rateBp).min(1).max(5, "At most 5 levels") });

const kpiRuleSchema = z.discriminatedUnion("metric", [
  z.strictObject({ metric: z.literal("repeat_deposit_rate"), minBp: rateBp, withinDays: z.int().min(1, "Use 1 to 90 days").max(90, "Use 1 to 90 days") }),
  z.strictObject({ metric: z.literal("avg_first_deposit"), minAmount: minor }),
  z.strictObject({ metric: z.literal("qualified_ftd_count"), min: z.int().min(1, "Use 1 or more").max(1_000_000) }),
  z.strictObject({ metric: z.literal("refund_rate"), maxBp: rateBp }),
  z.strictObject({ metric: z.literal("median_first_deposit"), minAmount: minor }),
  z.strictObject({ metric: z.literal("ngr_per_player"), minAmount: minor }),
  z.strictObject({ metric: z.literal("lots_per_trader"), minLots: z.string().trim().regex(/^\d{1,6}(\.\d{1,2})?$/, "Use a number of lots such as 2.5 (at most 2 decimals)") }),
]);

const kpiSchema = z
  .strictObject({ rules: z.array(kpiRuleSchema).min(1, "Add at least one KPI rule").max(8), effect: z.enum(["cpa", "bonus"]), bonusAmount: minor.nullish() })
  .superRefine((v, ctx) => {
    v.rules.forEach((r, i) => {
      if (v.rules.findIndex((o) => o.metric === r.metric) < i) ctx.addIssue({ code: "custom", path: ["rules", i, "metric"], message: "This metric already has a rule" });
    });
    if (v.effect === "bonus" && !v.bonusAmount) ctx.addIssue({ code: "custom", path: ["bonusAmount"], message: "Enter the bonus paid when the KPI is met" });
  });

/** What the admin builds for one plan version. Unknown keys are refused so a typo ("revShare") is not silently dropped. */
export const planTermsSchema = z
  .strictObject({
    currency: z.string().refine(isKnownCurrency, "Use an ISO 4217 currency code such as USD"),
    components: z.strictObject({
      cpa: cpaSchema.optional(),
      revshare: revshareSchema.optional(),
      ngr: ngrSchema.optional(),
      tiers: tiersSchema.optional(),
      lots: lotsSchema.optional(),
      multiTier: multiTierSchema.optional(),
      kpi: kpiSchema.optional(),
    }),
  })
  .superRefine(({ components: c }, ctx) => {
    if (Object.values(c).every((v) => v === undefined)) ctx.addIssue({ code: "custom", path: ["components"], message: "Add at least one component" });
    if (c.tiers && !c[c.tiers.appliesTo]) ctx.addIssue({ code: "custom", path: ["components", "tiers", "appliesTo"], message: `The tiers apply to ${c.tiers.appliesTo}, which this plan does not have` });
    if (c.kpi?.effect === "cpa") {
      if (c.cpa?.event !== "ftd") ctx.addIssue({ code: "custom", path: ["components", "kpi", "effect"], message: "A KPI on the CPA needs a CPA on FTDs" });
      if (c.tiers?.appliesTo === "cpa") ctx.addIssue({ code: "custom", path: ["components", "kpi", "effect"], message: "A KPI on the CPA pays one CPA per qualified FTD: remove the CPA tiers" });
    }
  });

export type PlanTermsInput = z.input<typeof planTermsSchema>;

export function parsePlanTerms(input: unknown): PlanTerms {
  return planTermsSchema.parse(input);
}

export const qualificationRulesSchema = z.strictObject({
  minDeposit: minor.nullish(),
  withinDaysOfRegistration: z.int().min(1, "Use 1 to 365 days").max(365, "Use 1 to 365 days").nullish(),
  oncePerCustomer: z.boolean().optional(),
});

export function parseQualificationRules(input: unknown): QualificationRules {
  return qualificationRulesSchema.parse(input);
}
