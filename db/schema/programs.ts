import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, currency, id, updatedAt } from "./columns";

/** An attribution model and its parameters, as chosen by an admin (data-driven weights are learned, not stored here). */
export type StoredModel =
  | { model: "last_click" | "first_click" | "linear" | "data_driven" }
  | { model: "time_decay"; halfLifeDays: number }
  | { model: "position_based"; firstShare: number; lastShare: number };

/** `QualificationRules` (server/commissions/plans/types.ts) with the minimum deposit as a string of minor units. */
export type StoredQualificationRules = { minDeposit?: string | null; withinDaysOfRegistration?: number | null; oncePerCustomer?: boolean };

/** How payouts are batched: on a schedule (Inngest cron) or only by hand, and each currency's minimum. */
export type PayoutSettings = {
  schedule: { frequency: "monthly" | "weekly" | "manual"; day: number };
  /** Minimum approved balance to be paid, in minor units, per currency; a currency not listed uses 50 major units. */
  thresholds: Record<string, number>;
};

export const ATTRIBUTION_SOURCES = ["click", "customer_binding", "coupon"] as const;
export type AttributionSource = (typeof ATTRIBUTION_SOURCES)[number];

/** A program is one operator brand: it owns offers and the secret that authenticates its postbacks. */
export const programs = pgTable(
  "programs",
  {
    id: id("program"),
    name: text().notNull(),
    defaultCurrency: currency().notNull(),
    postbackToken: text().notNull(),
    // sha256 of the token: postbacks are looked up by it, never by comparing plaintext in SQL
    postbackTokenHash: text().notNull(),
    /** HMAC-SHA256 secrets for signed postbacks; two live at once so a secret can be rotated. */
    signingSecrets: text().array().notNull().default([]),
    /** If not empty, postbacks are accepted only from these IPs / CIDR ranges. */
    postbackIpAllowlist: text().array().notNull().default([]),
    /** The attribution model offers use unless they set their own (see server/attribution/models.ts). */
    attributionModel: jsonb().$type<StoredModel>().notNull().default({ model: "last_click" }),
    /** Which evidence decides when several identify the visitor, strongest first. */
    attributionPriority: text().array().$type<AttributionSource[]>().notNull().default(["click", "customer_binding", "coupon"]),
    payoutSettings: jsonb().$type<PayoutSettings>().notNull().default({ schedule: { frequency: "monthly", day: 1 }, thresholds: {} }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("programs_postback_token_hash_uq").on(t.postbackTokenHash)],
);

export const OFFER_STATUSES = ["active", "paused"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const offers = pgTable(
  "offers",
  {
    id: id("offer"),
    programId: text()
      .notNull()
      .references(() => programs.id),
    name: text().notNull(),
    description: text(),
    status: text().$type<OfferStatus>().notNull().default("active"),
    /** Landing URL template with macros ({click_id}, {sub1}..{sub5}); set by the operator only. */
    landingUrl: text().notNull(),
    /** Hosts a tracking link may deep-link to with ?url= (exact host, or `*.example.com` for subdomains). */
    deepLinkHosts: text().array().notNull().default([]),
    attributionWindowDays: integer().notNull().default(30),
    /** Events the operator may report for this offer; anything else is refused with a clear message. */
    eventTypes: text().array().notNull().default(["lead", "registration", "ftd", "deposit", "sale", "trade", "ngr", "refund", "chargeback"]),
    /** The currency the offer's default plan pays in; each plan version names its own currency. */
    currency: currency().notNull(),
    /** When an event earns the CPA at all (minimum deposit, days since registration, once per customer). */
    qualification: jsonb().$type<StoredQualificationRules>().notNull().default({}),
    /** Days a commission waits before it can be approved (0 to 90), counted from its accrual. */
    holdDays: integer().notNull().default(0),
    /** Approve commissions automatically when the hold ends, unless fraud checks flagged the conversion. */
    autoApprove: boolean().notNull().default(false),
    autoEnrol: boolean().notNull().default(true),
    /** Null: the program's model. Changing it affects new conversions only (re-attribution is explicit). */
    attributionModel: jsonb().$type<StoredModel>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("offers_program_id_idx").on(t.programId)],
);
