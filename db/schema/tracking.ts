import { index, inet, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { offers } from "./programs";
import { partners } from "./partners";

export const LINK_STATUSES = ["active", "paused"] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

export const links = pgTable(
  "links",
  {
    id: id("link"),
    code: text().notNull(),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    offerId: text()
      .notNull()
      .references(() => offers.id),
    status: text().$type<LinkStatus>().notNull().default("active"),
    createdAt: createdAt(),
  },
  (t) => [
    // the redirect looks links up by code (hot path)
    uniqueIndex("links_code_uq").on(t.code),
    index("links_partner_id_idx").on(t.partnerId),
    index("links_offer_id_idx").on(t.offerId),
  ],
);

export const clicks = pgTable(
  "clicks",
  {
    id: id("click"),
    linkId: text()
      .notNull()
      .references(() => links.id),
    // denormalised from the link so reports and attribution need no join
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    offerId: text()
      .notNull()
      .references(() => offers.id),
    ip: inet(),
    userAgent: text(),
    referrer: text(),
    sub1: text(),
    sub2: text(),
    sub3: text(),
    sub4: text(),
    sub5: text(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("clicks_link_id_idx").on(t.linkId, t.createdAt),
    // partner dashboards: clicks per partner over time
    index("clicks_partner_id_idx").on(t.partnerId, t.createdAt),
    index("clicks_offer_id_idx").on(t.offerId),
  ],
);

