import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { conversions } from "./conversions";
import { partners } from "./partners";
import { offers, programs } from "./programs";
import { links } from "./tracking";
import { users } from "./users";

/**
 * Shapes of server/fraud/rules as stored. Declared here (not imported) so the schema stays free of domain code;
 * server/fraud/rules/config.ts validates every value on the way in and on the way out.
 */
export type StoredFraudOverrides = { rules?: Record<string, Record<string, unknown>>; actions?: Record<string, number> };
export type StoredRuleHit = {
  code: string;
  score: number;
  category: string;
  evidence: Record<string, string | number | boolean | null>;
  message: string;
  partnerMessage: string;
};
export type StoredFraudAction = "allow" | "flag" | "hold" | "reject";

/** Program-wide fraud settings: overrides of the engine's defaults (FRAUD_DEFAULTS). No row = the defaults. */
export const fraudProgramSettings = pgTable("fraud_program_settings", {
  programId: text()
    .primaryKey()
    .references(() => programs.id),
  overrides: jsonb().$type<StoredFraudOverrides>().notNull().default({}),
  updatedBy: text().references(() => users.id),
  updatedAt: updatedAt(),
});

/** One offer's overrides over its program's settings, and the countries the offer accepts (empty = all). */
export const fraudOfferSettings = pgTable(
  "fraud_offer_settings",
  {
    offerId: text()
      .primaryKey()
      .references(() => offers.id),
    programId: text()
      .notNull()
      .references(() => programs.id),
    overrides: jsonb().$type<StoredFraudOverrides>().notNull().default({}),
    allowedCountries: text().array().notNull().default([]),
    updatedBy: text().references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [index("fraud_offer_settings_program_idx").on(t.programId)],
);

export const FRAUD_BLOCK_KINDS = ["ip", "cidr", "sub_id"] as const;
export type FraudBlockKind = (typeof FRAUD_BLOCK_KINDS)[number];

/**
 * The admin's block list: an IP, a range, or one partner's sub-ID. Lifting a block sets `revokedAt`; the row
 * stays, so past decisions remain explainable.
 */
export const fraudBlocks = pgTable(
  "fraud_blocks",
  {
    id: id("fraudBlock"),
    programId: text()
      .notNull()
      .references(() => programs.id),
    kind: text().$type<FraudBlockKind>().notNull(),
    /** An address, a CIDR range (normalised by the parser), or the sub-ID value as the partner sends it. */
    value: text().notNull(),
    /** Set for sub-ID blocks only: sub-IDs are the partner's own tokens and mean nothing across partners. */
    partnerId: text().references(() => partners.id),
    reason: text().notNull(),
    createdBy: text().references(() => users.id),
    createdAt: createdAt(),
    revokedAt: timestamp({ withTimezone: true, mode: "date" }),
    revokedBy: text().references(() => users.id),
  },
  (t) => [
    // every check loads the program's live blocks
    index("fraud_blocks_program_live_idx").on(t.programId).where(sql`${t.revokedAt} is null`),
    index("fraud_blocks_partner_idx").on(t.partnerId),
  ],
);

export const FRAUD_REVIEW_STATUSES = ["open", "cleared", "rejected"] as const;
export type FraudReviewStatus = (typeof FRAUD_REVIEW_STATUSES)[number];

/** The facts a check looked at, kept with its result so the evidence reads the same after the data moves on. */
export type StoredCheckFacts = {
  event: string;
  occurredAt: string;
  clickDriven: boolean;
  customerIp: string | null;
  click: {
    id: string;
    at: string;
    ip: string | null;
    userAgent: string | null;
    country: string | null;
    isBot: boolean;
    visitorId: string | null;
    subIds: (string | null)[];
    asn: number | null;
    asOrganisation: string | null;
  } | null;
  ctitSeconds: number | null;
  counts: Record<string, number | null>;
};

/**
 * One fraud check of a conversion (at most one: the job step is idempotent) with every rule hit, the score and
 * the action. `allow` is recorded as cleared by the system; `flag` and `hold` open a review; `reject` is
 * rejected by the system, and an admin may still clear it. Never deleted.
 */
export const fraudChecks = pgTable(
  "fraud_checks",
  {
    id: id("fraudCheck"),
    conversionId: text()
      .notNull()
      .references(() => conversions.id),
    programId: text()
      .notNull()
      .references(() => programs.id),
    offerId: text()
      .notNull()
      .references(() => offers.id),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    /** No foreign key: clicks are partitioned by month and old months may be dropped. */
    clickId: text(),
    score: integer().notNull(),
    action: text().$type<StoredFraudAction>().notNull(),
    hits: jsonb().$type<StoredRuleHit[]>().notNull(),
    summary: text().notNull(),
    facts: jsonb().$type<StoredCheckFacts>().notNull(),
    /** The thresholds in force (flagAt, holdAt, rejectAt), so the action can be explained later. */
    thresholds: jsonb().$type<Record<string, number>>().notNull(),
    reviewStatus: text().$type<FraudReviewStatus>().notNull(),
    /** Null with a decision time: decided by the checks themselves (allow or reject). */
    decidedBy: text().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** The admin's internal note; partners never see it. */
    decisionNote: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("fraud_checks_conversion_uq").on(t.conversionId),
    // the review queue: open items, oldest first
    index("fraud_checks_review_idx").on(t.reviewStatus, t.createdAt),
    // the per-partner risk view and the partner's own held conversions
    index("fraud_checks_partner_idx").on(t.partnerId, t.createdAt),
    index("fraud_checks_program_idx").on(t.programId, t.createdAt),
    index("fraud_checks_click_idx").on(t.clickId),
  ],
);

/** What the click sweep found on a click (only clicks with at least one hit get a row). Never deleted. */
export const clickFraudFindings = pgTable(
  "click_fraud_findings",
  {
    /** No foreign key: clicks are partitioned by month and old months may be dropped; a finding outlives its click. */
    clickId: text().primaryKey(),
    offerId: text()
      .notNull()
      .references(() => offers.id),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    linkId: text()
      .notNull()
      .references(() => links.id),
    clickAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    score: integer().notNull(),
    action: text().$type<StoredFraudAction>().notNull(),
    hits: jsonb().$type<StoredRuleHit[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // the per-partner risk view: findings by reason over a period
    index("click_fraud_findings_partner_idx").on(t.partnerId, t.clickAt),
    index("click_fraud_findings_offer_idx").on(t.offerId, t.clickAt),
    index("click_fraud_findings_link_idx").on(t.linkId),
  ],
);

/** How far a background sweep has read (the click sweep keeps the last click id it checked). */
export const fraudScanCursors = pgTable("fraud_scan_cursors", {
  name: text().primaryKey(),
  lastId: text().notNull(),
  updatedAt: updatedAt(),
});

export const FRAUD_APPEAL_STATUSES = ["open", "answered"] as const;
export type FraudAppealStatus = (typeof FRAUD_APPEAL_STATUSES)[number];

/** A partner contesting a held or rejected conversion; it lands in the admin's fraud queue. */
export const fraudAppeals = pgTable(
  "fraud_appeals",
  {
    id: id("fraudAppeal"),
    checkId: text()
      .notNull()
      .references(() => fraudChecks.id),
    conversionId: text()
      .notNull()
      .references(() => conversions.id),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    message: text().notNull(),
    status: text().$type<FraudAppealStatus>().notNull().default("open"),
    /** The admin's answer, shown to the partner. */
    reply: text(),
    repliedBy: text().references(() => users.id),
    repliedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("fraud_appeals_check_idx").on(t.checkId, t.createdAt),
    index("fraud_appeals_partner_idx").on(t.partnerId, t.createdAt),
    index("fraud_appeals_conversion_idx").on(t.conversionId),
    // one open appeal per conversion: a partner waits for the answer before writing again
    uniqueIndex("fraud_appeals_open_uq").on(t.conversionId).where(sql`${t.status} = 'open'`),
  ],
);
