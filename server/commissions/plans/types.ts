/*
 * The terms of one plan version, as `planTermsSchema` (schemas.ts) outputs them. Declared here rather than
 * inferred so that the pure engine and its callers can name them without importing zod; `parsePlanTerms`
 * fails to compile if the schema and these types drift apart.
 *
 * Money is integer minor units of the plan's currency (`bigint`); rates are integer basis points (1 bp = 0.01%).
 */

/** A fixed amount per qualifying event. CPL is a CPA on the event `lead`. */
export type CpaTerms = { event: string; amount: bigint };

/**
 * A percentage of the event amount. With `recurringMonths` (SaaS subscriptions) it pays only for that many calendar
 * months counted from the customer's first commissioned event; `null` or absent pays for the customer's lifetime.
 */
export type RevshareTerms = { events: string[]; rateBp: number; recurringMonths?: number | null };

/**
 * How a negative NGR is treated when the month is settled (settle-ngr.ts):
 * - `carry_forward`: a negative month is carried and must be earned back before anything is paid again.
 * - `reset_monthly`: customers net against each other within the month, but each month starts at 0.
 * - `none`: no netting at all; each customer's negative NGR counts as 0.
 */
export type NgrCarryover = "carry_forward" | "reset_monthly" | "none";

/** iGaming revenue share on net gaming revenue, settled per month per partner, never per event. */
export type NgrTerms = { rateBp: number; carryover: NgrCarryover };

export type TierMetric = "ftd_count" | "event_count" | "amount_sum";

/**
 * Inclusive bounds: `{ from: 11, to: 50 }` covers the 11th to the 50th. For `amount_sum` the bounds are minor units.
 * A tier sets `amount` when it applies to the CPA and `rateBp` when it applies to a revshare or the NGR.
 */
export type Tier = { from: number; to: number | null; amount?: bigint; rateBp?: number };

/**
 * The partner's volume in the period picks the tier. `event` tells the caller which event to count into
 * `PeriodVolume`; the engine itself only reads the metric.
 */
export type TierTerms = { metric: TierMetric; event: string; appliesTo: "cpa" | "revshare" | "ngr"; tiers: Tier[] };

export type LotGroup = { name: string; instruments: string[]; ratePerLot: bigint };

/** Forex IB rebate per traded lot. Instruments are upper-case; an instrument in no group earns the default rate. */
export type LotsTerms = { event: string; groups: LotGroup[]; defaultRatePerLot?: bigint | null };

/** Overrides for the uplines of the earning partner: `[1000, 500]` = 10% to the parent, 5% to the grandparent. */
export type MultiTierTerms = { levels: number[] };

export type KpiMetric = "repeat_deposit_rate" | "avg_first_deposit" | "median_first_deposit" | "qualified_ftd_count" | "refund_rate" | "ngr_per_player" | "lots_per_trader";

/**
 * One quality threshold over the partner's FTDs of a calendar month (UTC) under the plan version. A qualified FTD
 * is one neither refunded nor charged back, nor rejected by fraud checks. Rates are basis points of FTDs.
 * - `repeat_deposit_rate`: qualified FTD customers who deposit again within `withinDays` of their FTD;
 * - `avg_first_deposit`: the average amount of the qualified FTDs, in minor units of the plan's currency;
 * - `qualified_ftd_count`: how many qualified FTDs;
 * - `median_first_deposit`: the median amount of the qualified FTDs (of an even count, the mean of the middle two,
 *   rounded down), in minor units of the plan's currency;
 * - `qualified_ftd_count`: how many qualified FTDs;
 * - `refund_rate`: FTDs refunded or charged back, at most `maxBp`;
 * - `ngr_per_player`: the NGR reported in the month by the qualified FTDs' customers from their FTD on, per
 *   qualified FTD (rounded down), in minor units of the plan's currency;
 * - `lots_per_trader`: the lots they traded in the month from their FTD on, per qualified FTD, at least `minLots`
 *   (a decimal such as "2.5"; measured in hundredths of a lot, rounded down).
 */
export type KpiRule =
  | { metric: "repeat_deposit_rate"; minBp: number; withinDays: number }
  | { metric: "avg_first_deposit"; minAmount: bigint }
  | { metric: "median_first_deposit"; minAmount: bigint }
  | { metric: "qualified_ftd_count"; min: number }
  | { metric: "refund_rate"; maxBp: number }
  | { metric: "ngr_per_player"; minAmount: bigint }
  | { metric: "lots_per_trader"; minLots: string };

/**
 * A KPI deal: every rule must hold over the month for it to pay. `cpa`: the plan's FTD CPA is withheld per event
 * and paid, per qualified FTD, when the month settles with the KPI met; `bonus`: `bonusAmount` once for the month.
 */
export type KpiTerms = { rules: KpiRule[]; effect: "cpa" | "bonus"; bonusAmount?: bigint | null };

export type PlanComponents = {
  cpa?: CpaTerms;
  revshare?: RevshareTerms;
  ngr?: NgrTerms;
  tiers?: TierTerms;
  lots?: LotsTerms;
  multiTier?: MultiTierTerms;
  kpi?: KpiTerms;
};

/** A hybrid plan is simply one with several components, such as `cpa` and `revshare` together. */
export type PlanTerms = { currency: string; components: PlanComponents };

/** One conversion or activity event; `amount` is in minor units of `currency`, `lots` a decimal string ("1.25"). */
export type CommissionEvent = {
  type: string;
  amount?: bigint | null;
  currency: string;
  lots?: string | null;
  instrument?: string | null;
  occurredAt: Date;
  customerId?: string | null;
};

/** The partner's volume in the current period, counting the event being computed. */
export type PeriodVolume = { ftdCount: number; eventCount: number; amountSum: bigint };

export type Qualification = { ok: true } | { ok: false; reason: string };

export type EventContext = {
  periodVolume: PeriodVolume;
  /** When the customer's first commission was earned; absent or null when this event is the first. */
  customerFirstCommissionAt?: Date | null;
  /** The offer's qualification result (qualify.ts) for this event; absent means the offer sets no rules. */
  qualification?: Qualification;
};

export type CommissionLine = { component: "cpa" | "revshare" | "lots"; basis: string; amount: bigint };

/**
 * `notes` say why a component that matched the event paid nothing (an unqualified CPA, an expired revshare).
 * When nothing is paid at all, the result is `{ total: 0n, reason }` instead.
 */
export type EventCommission = { lines: CommissionLine[]; total: bigint; notes: string[] } | { total: 0n; reason: string };

/** An offer's conditions for paying its CPA; `minDeposit` is in minor units of the offer's currency. */
export type QualificationRules = { minDeposit?: bigint | null; withinDaysOfRegistration?: number | null; oncePerCustomer?: boolean };
