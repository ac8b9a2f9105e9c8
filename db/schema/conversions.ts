import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, currency, id, minorUnits } from "./columns";
import { offers, programs } from "./programs";
import { clicks } from "./tracking";
import { partners } from "./partners";

export const ATTRIBUTION_STATUSES = ["pending", "attributed", "unattributed"] as const;
export type AttributionStatus = (typeof ATTRIBUTION_STATUSES)[number];

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
    event: text().notNull(),
    txnId: text().notNull(),
    amount: minorUnits(),
    currency: currency(),
    occurredAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    /** What the operator sent, for audit and support questions. */
    params: jsonb().$type<Record<string, string>>().notNull(),
    attributionStatus: text().$type<AttributionStatus>().notNull().default("pending"),
    attributionReason: text(),
    partnerId: text().references(() => partners.id),
    attributedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    // idempotency: one conversion per offer, event type and transaction id
    uniqueIndex("conversions_offer_event_txn_uq").on(t.offerId, t.event, t.txnId),
    index("conversions_click_id_idx").on(t.clickId),
    index("conversions_partner_id_idx").on(t.partnerId, t.occurredAt),
  ],
);
