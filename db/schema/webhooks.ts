import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { sqlList } from "./programs";
import { WEBHOOK_DELIVERY_STATUSES, type WebhookDeliveryStatus, type WebhookEventType } from "./values";

/**
 * An operator's webhook endpoint (Settings > Webhooks): signed to the Standard Webhooks specification with a
 * `whsec_` secret. After a rotation the previous secret also signs (a second signature in `webhook-signature`)
 * until `previous_secret_expires_at`, so the receiver can switch without dropping a message.
 */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: id("webhookEndpoint"),
  url: text().notNull(),
  description: text().notNull().default(""),
  /** Event types it receives; empty means every type. */
  events: text().array().$type<WebhookEventType[]>().notNull().default([]),
  enabled: boolean().notNull().default(true),
  secret: text().notNull(),
  previousSecret: text(),
  previousSecretExpiresAt: timestamp({ withTimezone: true, mode: "date" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * One message to one endpoint; its id is the `webhook-id` the receiver deduplicates on, kept across retries and
 * replays. Attempts are scheduled through the outbox ("webhook/deliver") and counted here.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id("webhookMessage"),
    endpointId: text()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventType: text().notNull(),
    /** `{type, timestamp, data}`, sent byte for byte the same on every attempt. */
    payload: jsonb().$type<{ type: string; timestamp: string; data: Record<string, unknown> }>().notNull(),
    /** Emission of a fact announced from a retried job step: one message per endpoint and key. */
    dedupeKey: text(),
    status: text().$type<WebhookDeliveryStatus>().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    /** Attempts since the last (re)start of the schedule: picks the next delay. */
    roundAttempts: integer().notNull().default(0),
    /** When the current schedule began (creation or replay): retries stop 3 days after it. */
    retryFrom: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    nextAttemptAt: timestamp({ withTimezone: true, mode: "date" }),
    lastAttemptAt: timestamp({ withTimezone: true, mode: "date" }),
    lastStatusCode: integer(),
    lastError: text(),
    responseExcerpt: text(),
    deliveredAt: timestamp({ withTimezone: true, mode: "date" }),
    failedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    // the endpoint's delivery log, newest first
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
    // a retried job step that emits the same fact again writes nothing
    uniqueIndex("webhook_deliveries_dedupe_uq").on(t.endpointId, t.dedupeKey),
    check("webhook_deliveries_status_ck", sql`${t.status} in (${sqlList(WEBHOOK_DELIVERY_STATUSES)})`),
  ],
);
