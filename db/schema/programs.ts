import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, currency, id, updatedAt } from "./columns";
import { partners } from "./partners";
import { users } from "./users";
import { PROGRAM_STATUSES, SIGN_UP_MODES, OFFER_STATUSES, OFFER_VISIBILITIES } from "./values";

export { PROGRAM_STATUSES, SIGN_UP_MODES, OFFER_STATUSES, OFFER_VISIBILITIES };

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

export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

export type SignUpMode = (typeof SIGN_UP_MODES)[number];

/** `'a', 'b'` for a CHECK constraint built from a status list, so the database refuses what TypeScript would. */
export const sqlList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

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
    /** After a regeneration, the replaced token's hash stays accepted until `previousPostbackTokenExpiresAt`. */
    previousPostbackTokenHash: text(),
    previousPostbackTokenExpiresAt: timestamp({ withTimezone: true, mode: "date" }),
    status: text().$type<ProgramStatus>().notNull().default("active"),
    /** IANA time zone (e.g. Europe/Malta): reports and payout periods are cut at its midnight. */
    timeZone: text().notNull().default("UTC"),
    signUpMode: text().$type<SignUpMode>().notNull().default("open_approval"),
    /** The partner types the program offers (partners.type holds one of them); the operator edits the list. */
    partnerTypes: text()
      .array()
      .notNull()
      .default(sql`array['affiliate', 'introducing broker', 'referral partner', 'reseller', 'influencer', 'media buyer']::text[]`),
    /** HMAC-SHA256 secrets for signed postbacks; two live at once so a secret can be rotated. */
    signingSecrets: text().array().notNull().default([]),
    /** If not empty, postbacks are accepted only from these IPs / CIDR ranges. */
    postbackIpAllowlist: text().array().notNull().default([]),
    /** The attribution model offers use unless they set their own (see server/attribution/models.ts). */
    attributionModel: jsonb().$type<StoredModel>().notNull().default({ model: "last_click" }),
    /** Which evidence decides when several identify the visitor, strongest first. */
    attributionPriority: text().array().$type<AttributionSource[]>().notNull().default(["click", "customer_binding", "coupon"]),
    /** The program's own payout schedule and minimums; null = the operator's default (payout_defaults). */
    payoutSettings: jsonb().$type<PayoutSettings>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("programs_postback_token_hash_uq").on(t.postbackTokenHash),
    // postback auth during a token's grace period
    uniqueIndex("programs_previous_postback_token_hash_uq").on(t.previousPostbackTokenHash),
    check("programs_status_ck", sql`${t.status} in (${sqlList(PROGRAM_STATUSES)})`),
    check("programs_sign_up_mode_ck", sql`${t.signUpMode} in (${sqlList(SIGN_UP_MODES)})`),
  ],
);

export type OfferStatus = (typeof OFFER_STATUSES)[number];

export type OfferVisibility = (typeof OFFER_VISIBILITIES)[number];

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
    visibility: text().$type<OfferVisibility>().notNull().default("all"),
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
  (t) => [
    index("offers_program_id_idx").on(t.programId),
    check("offers_status_ck", sql`${t.status} in (${sqlList(OFFER_STATUSES)})`),
    check("offers_visibility_ck", sql`${t.visibility} in (${sqlList(OFFER_VISIBILITIES)})`),
  ],
);

export const ACCESS_REQUEST_STATUSES = ["pending", "approved", "denied"] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

/** A partner's request to promote an offer shown "on request"; the admin approves or denies it. */
export const offerAccessRequests = pgTable(
  "offer_access_requests",
  {
    id: id("offerAccessRequest"),
    offerId: text()
      .notNull()
      .references(() => offers.id),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    status: text().$type<AccessRequestStatus>().notNull().default("pending"),
    /** What the partner wrote with the request (how they will promote the offer). */
    message: text(),
    decidedBy: text().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // one request per partner and offer; a denied partner may ask again (the row is reused)
    uniqueIndex("offer_access_requests_offer_partner_uq").on(t.offerId, t.partnerId),
    // the portal's own requests
    index("offer_access_requests_partner_idx").on(t.partnerId),
    // the admin's queue of pending requests
    index("offer_access_requests_status_idx").on(t.status, t.createdAt),
    check("offer_access_requests_status_ck", sql`${t.status} in (${sqlList(ACCESS_REQUEST_STATUSES)})`),
  ],
);
