import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { conversions } from "./conversions";
import { offers } from "./programs";
import { partners } from "./partners";

export type PartnerPostbackKind = "url" | "webhook";

/**
 * A partner's own tracker endpoint: a URL template with macros (GET), or a JSON webhook signed with the
 * partner's secret (POST). Global (no offer) or for one offer; optionally only for some events.
 */
export const partnerPostbacks = pgTable(
  "partner_postbacks",
  {
    id: id("partnerPostback"),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    offerId: text().references(() => offers.id),
    kind: text().$type<PartnerPostbackKind>().notNull(),
    url: text().notNull(),
    /** HMAC-SHA256 secret of a webhook, shown to the partner so they can verify our signature. */
    secret: text(),
    /** Events that trigger it; empty means every event. */
    events: text().array().notNull().default([]),
    status: text().$type<"active" | "paused">().notNull().default("active"),
    createdAt: createdAt(),
  },
  (t) => [index("partner_postbacks_partner_idx").on(t.partnerId)],
);

export type DeliveryStatus = "scheduled" | "delivered" | "failed";

/** One row per delivery attempt: the partner's delivery log, and the schedule of retries. */
export const postbackDeliveries = pgTable(
  "postback_deliveries",
  {
    id: id("postbackDelivery"),
    postbackId: text()
      .notNull()
      .references(() => partnerPostbacks.id),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    conversionId: text()
      .notNull()
      .references(() => conversions.id),
    /** 0 for the automatic delivery, 1, 2, ... for each resend the partner asks for. */
    series: integer().notNull().default(0),
    attempt: integer().notNull(),
    status: text().$type<DeliveryStatus>().notNull().default("scheduled"),
    scheduledFor: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    method: text(),
    requestUrl: text(),
    requestBody: text(),
    responseStatus: integer(),
    responseBody: text(),
    error: text(),
    durationMs: integer(),
    attemptedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    // scheduling an attempt twice (a retried job) is a no-op
    uniqueIndex("postback_deliveries_attempt_uq").on(t.postbackId, t.conversionId, t.series, t.attempt),
    // the partner's delivery log, newest first
    index("postback_deliveries_partner_idx").on(t.partnerId, t.createdAt),
  ],
);
