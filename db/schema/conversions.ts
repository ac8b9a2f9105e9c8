import { sql } from "drizzle-orm";
import { index, inet, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, currency, id, minorUnits } from "./columns";
import { offers, programs } from "./programs";
import { clicks } from "./tracking";
import { partners } from "./partners";

export const ATTRIBUTION_STATUSES = ["pending", "attributed", "unattributed"] as const;
export type AttributionStatus = (typeof ATTRIBUTION_STATUSES)[number];
export type AttributionMethod = "click" | "customer_binding" | "coupon";
export type ConversionSource = "s2s" | "pixel";

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
    clickId: text().references(() => clicks.id),
    /** The operator's id of the customer: binds the customer to a partner for life once attributed. */
    customerId: text(),
    couponCode: text(),
    /** The customer's IP as the operator reported it (`customer_ip`), for self-referral and registration-burst checks. */
    customerIp: inet(),
    /** SHA-256 of the customer's trimmed, lower-cased e-mail (`customer_email`); the address itself is not kept. */
    customerEmailHash: text(),
    /** `s2s` (server to server) or `pixel` (browser, weaker evidence). */
    source: text().$type<ConversionSource>().notNull().default("s2s"),
    event: text().notNull(),
    txnId: text().notNull(),
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
    createdAt: createdAt(),
  },
  (t) => [
    // a refund or chargeback finds the transaction it reverses
    index("conversions_offer_txn_idx").on(t.offerId, t.txnId),
    // idempotency: one conversion per offer, event type and transaction id
    uniqueIndex("conversions_offer_event_txn_uq").on(t.offerId, t.event, t.txnId),
    index("conversions_click_id_idx").on(t.clickId),
    index("conversions_partner_id_idx").on(t.partnerId, t.occurredAt),
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
    conversionId: text()
      .notNull()
      .references(() => conversions.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.programId, t.customerId] }), index("customer_bindings_partner_idx").on(t.partnerId)],
);
