import { sql } from "drizzle-orm";
import { index, inet, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, currency, id, minorUnits } from "./columns";
import { offers, programs } from "./programs";
import { partners } from "./partners";

export const ATTRIBUTION_STATUSES = ["pending", "attributed", "unattributed"] as const;
export type AttributionStatus = (typeof ATTRIBUTION_STATUSES)[number];
export type AttributionMethod = "click" | "customer_binding" | "coupon";
/** `s2s`: a server postback (token or signature); `pixel`: the visitor's browser. */
export const CONVERSION_SOURCES = ["s2s", "pixel"] as const;
export type ConversionSource = (typeof CONVERSION_SOURCES)[number];

/** What fraud checks decided: `flagged` is approvable with a warning, `held` waits for an admin, `rejected` earns nothing. */
export const FRAUD_STATUSES = ["clear", "flagged", "held", "rejected"] as const;
export type FraudStatus = (typeof FRAUD_STATUSES)[number];

/** A conversion reported by the operator's backend. The reported facts never change after insert;
 * only the attribution outcome (filled in by the background job) is written later. */
export const conversions = pgTable(
  "conversions",
  {
    id: id("conversion"),
    programId: text()
      .notNull()
      .references(() => programs.id),
    offerId: text()
      .notNull()
      .references(() => offers.id),
    /** The click it was reported against. No foreign key: clicks are partitioned by month and old months may be dropped (CLICK_RETENTION_MONTHS); the write paths look the click up. */
    clickId: text(),
    /** The operator's id of the customer: binds the customer to a partner for life once attributed. */
    customerId: text(),
    couponCode: text(),
    /** The customer's IP as the operator reported it (`customer_ip`), for self-referral and registration-burst checks. */
    customerIp: inet(),
    /** SHA-256 of the customer's trimmed, lower-cased e-mail (`customer_email`); the address itself is not kept. */
    customerEmailHash: text(),
    /** `s2s` (server to server) or `pixel` (browser, weaker evidence). */
    source: text().$type<ConversionSource>().notNull().default("s2s"),
    /** The address that reported the conversion: the operator's server, or for a pixel the visitor's browser. */
    reporterIp: inet(),
    /** For a pixel: the browser's first-party visitor id (tp_vid), when it sent one. */
    reporterVisitorId: text(),
    event: text().notNull(),
    txnId: text().notNull(),
    /**
     * For a refund or chargeback: the operator's id of this refund (`refund_id`), so several partial refunds of
     * one transaction are each applied once. '' when none was sent (every other event, and a lone refund).
     */
    refundId: text().notNull().default(""),
    amount: minorUnits(),
    currency: currency(),
    occurredAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    /** What the operator sent, for audit and support questions. */
    params: jsonb().$type<Record<string, string>>().notNull(),
    adv1: text(),
    adv2: text(),
    adv3: text(),
    adv4: text(),
    adv5: text(),
    attributionStatus: text().$type<AttributionStatus>().notNull().default("pending"),
    attributionReason: text(),
    attributionMethod: text().$type<AttributionMethod>(),
    partnerId: text().references(() => partners.id),
    attributedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** Why the event earned nothing (or less than its plan's full terms), in words the partner is shown. */
    commissionNote: text(),
    fraudStatus: text().$type<FraudStatus>().notNull().default("clear"),
    /**
     * When this transaction was first refunded and first charged back (the earliest refund or chargeback event of
     * its offer and txn_id), or null; and for a registration, when its customer first made an FTD or deposit at or
     * after it. Written by database triggers as the reversal, FTD or deposit is inserted, whichever arrives first,
     * so the fraud rules count a partner's refunded sales and unfollowed registrations from one index without
     * looking up each sale's reversals (see db/migrations/0026_fraud_history_columns.sql).
     */
    refundedAt: timestamp({ withTimezone: true, mode: "date" }),
    chargedBackAt: timestamp({ withTimezone: true, mode: "date" }),
    followedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** Set for a conversion moved here from another platform (imports.id): history only, never processed or paid. */
    importId: text(),
    createdAt: createdAt(),
  },
  (t) => [
    // a refund or chargeback finds the transaction it reverses
    index("conversions_offer_txn_idx").on(t.offerId, t.txnId),
    // idempotency: one conversion per offer, event type, transaction id and refund id ('' but for refunds)
    uniqueIndex("conversions_offer_event_txn_refund_uq").on(t.offerId, t.event, t.txnId, t.refundId),
    index("conversions_click_id_idx").on(t.clickId),
    // a partner's conversions over time; the fraud rules' partner history (click spamming, refund rate, missing
    // follow-up) counts a window of them from this index alone (an index-only scan), so the columns they test are in it
    index("conversions_partner_id_idx").on(
      t.partnerId,
      t.occurredAt,
      t.offerId,
      t.programId,
      t.event,
      t.amount,
      t.attributionStatus,
      t.refundedAt,
      t.chargedBackAt,
      t.followedAt,
      t.customerId,
      t.id,
    ),
    index("conversions_customer_idx").on(t.programId, t.customerId),
    // a program's conversions over a period: simulator, re-attribution, reports
    index("conversions_program_occurred_idx").on(t.programId, t.occurredAt),
    // fraud checks: registrations from one customer IP in a window
    index("conversions_customer_ip_idx").on(t.customerIp, t.occurredAt).where(sql`${t.customerIp} is not null`),
  ],
);

/** Partner-owned coupon / referral codes: a conversion that reports one is credited to its owner. */
export const coupons = pgTable(
  "coupons",
  {
    id: id("coupon"),
    programId: text()
      .notNull()
      .references(() => programs.id),
    offerId: text()
      .notNull()
      .references(() => offers.id),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    /** Stored upper-case; matched case-insensitively. */
    code: text().notNull(),
    status: text().$type<"active" | "paused">().notNull().default("active"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("coupons_program_code_uq").on(t.programId, t.code), index("coupons_partner_idx").on(t.partnerId)],
);

/**
 * Lifetime customer binding (iGaming "btag"): the first attributed event of a customer binds them to the
 * partner, so later events that carry only the customer id (another device, cookie gone) are credited too.
 */
export const customerBindings = pgTable(
  "customer_bindings",
  {
    programId: text()
      .notNull()
      .references(() => programs.id),
    customerId: text().notNull(),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    offerId: text()
      .notNull()
      .references(() => offers.id),
    /** The event that bound the customer; null for a binding moved here from another platform (importId). */
    conversionId: text().references(() => conversions.id),
    importId: text(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.programId, t.customerId] }), index("customer_bindings_partner_idx").on(t.partnerId)],
);
