import { boolean, char, index, inet, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
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
    /** Optional readable code chosen by the partner (e.g. `spring-promo`); answers at /r/<alias> too. */
    alias: text(),
    /** The partner's own name for the campaign this link serves. */
    label: text(),
    status: text().$type<LinkStatus>().notNull().default("active"),
    createdAt: createdAt(),
  },
  (t) => [
    // the redirect looks links up by code or alias (hot path, behind an in-memory cache)
    uniqueIndex("links_code_uq").on(t.code),
    uniqueIndex("links_alias_uq").on(t.alias),
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
    /** First-party visitor cookie: one visitor's clicks across partners form a journey. */
    visitorId: text(),
    ip: inet(),
    country: char({ length: 2 }),
    userAgent: text(),
    deviceType: text(),
    os: text(),
    browser: text(),
    isBot: boolean().notNull().default(false),
    referrer: text(),
    sub1: text(),
    sub2: text(),
    sub3: text(),
    sub4: text(),
    sub5: text(),
    utmSource: text(),
    utmMedium: text(),
    utmCampaign: text(),
    utmTerm: text(),
    utmContent: text(),
    /** Set when the visitor was sent to an allowlisted deep link instead of the offer's landing page. */
    deepLink: text(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("clicks_link_id_idx").on(t.linkId, t.createdAt),
    // partner dashboards: clicks per partner over time
    index("clicks_partner_id_idx").on(t.partnerId, t.createdAt),
    // an offer's clicks over a period (fraud checks: the offer's clicks per conversion by partner)
    index("clicks_offer_created_idx").on(t.offerId, t.createdAt),
    // journeys: a visitor's clicks in the attribution window
    index("clicks_visitor_id_idx").on(t.visitorId, t.createdAt),
  ],
);

