import { sql } from "drizzle-orm";
import { boolean, char, index, inet, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { newId } from "../ids";
import { createdAt, id, xid8 } from "./columns";
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

/**
 * Raw clicks, partitioned by month of `created_at` (migration 0017; drizzle-kit does not model partitions, so the
 * partitions are made in SQL: db/click-partitions.ts). The primary key must hold the partition key, hence
 * (id, created_at); ids are ULIDs, unique on their own. Nothing references a click by foreign key: old months
 * may be dropped (CLICK_RETENTION_MONTHS) while conversions keep their click id and the rollups keep the counts.
 */
export const clicks = pgTable(
  "clicks",
  {
    id: text()
      .notNull()
      .$defaultFn(() => newId("click")),
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
    /** Set when the click can never earn (its partner was not approved when it was made): "partner_suspended", ... */
    notCreditedReason: text(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** The inserting transaction: the report rollup worker folds clicks whose transaction has ended, by this id. */
    txid: xid8().notNull().default(sql`pg_current_xact_id()`),
  },
  (t) => [
    // the redirect's conversions and postbacks look a click up by id (every month's partition answers from its index)
    primaryKey({ columns: [t.id, t.createdAt] }),
    // the report rollup worker: clicks committed since its watermark
    index("clicks_txid_idx").on(t.txid),
    index("clicks_link_id_idx").on(t.linkId, t.createdAt),
    // partner dashboards: clicks per partner over time; with the offer, the fraud rules count a partner's clicks on
    // an offer in a window from the index alone (an index-only scan)
    index("clicks_partner_id_idx").on(t.partnerId, t.createdAt, t.offerId),
    // an offer's clicks over a period (fraud checks: the offer's clicks per conversion by partner)
    index("clicks_offer_created_idx").on(t.offerId, t.createdAt),
    // journeys: a visitor's clicks in the attribution window
    index("clicks_visitor_id_idx").on(t.visitorId, t.createdAt),
  ],
);

