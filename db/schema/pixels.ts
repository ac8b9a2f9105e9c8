import { boolean, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";
import { offers } from "./programs";

/**
 * The browser pixel of one offer. Off unless an admin turns it on, and then only for the events listed: a pixel
 * call proves only that some browser loaded a URL, so every event it may report is a deliberate choice. Kept
 * apart from `offers` so the offer form and the pixel settings change independently.
 */
export const offerPixels = pgTable(
  "offer_pixels",
  {
    offerId: text()
      .primaryKey()
      .references(() => offers.id),
    enabled: boolean().notNull().default(false),
    /** Event types the pixel may report; a subset of the offer's event types. */
    events: text().array().notNull().default([]),
    /**
     * Sent by the snippet with every report. It sits in the operator's page source, so it is no secret from a
     * visitor; it stops blind forgery and lets the operator cut off a leaked snippet by regenerating it.
     */
    key: text().notNull(),
    /** If not empty, reports are accepted only from pages of these origins (checked against Origin or Referer). */
    allowedOrigins: text().array().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // pixel.js finds the offer by its key
  (t) => [uniqueIndex("offer_pixels_key_uq").on(t.key)],
);
