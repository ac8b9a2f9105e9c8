import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

/**
 * Transactional outbox. A fact and the event announcing it are written in one transaction; the event is
 * handed to Inngest (or the in-process runner) afterwards and retried until it is processed.
 */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: id("outboxEvent"),
    name: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    attempts: integer().notNull().default(0),
    availableAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true, mode: "date" }),
    dispatchedAt: timestamp({ withTimezone: true, mode: "date" }),
    processedAt: timestamp({ withTimezone: true, mode: "date" }),
    failedAt: timestamp({ withTimezone: true, mode: "date" }),
    lastError: text(),
    createdAt: createdAt(),
  },
  (t) => [
    // the runner claims unprocessed events that are due
    index("outbox_events_due_idx").on(t.processedAt, t.availableAt),
  ],
);
