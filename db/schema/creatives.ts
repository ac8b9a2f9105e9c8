import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { ANNOUNCEMENT_AUDIENCES, CREATIVE_KINDS, CREATIVE_STATUSES, type AnnouncementAudience, type CreativeKind, type CreativeStatus } from "./creative-values";
import { partnerGroups } from "./partner-admin";
import { partners } from "./partners";
import { offers } from "./programs";
import { users } from "./users";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));


/**
 * What partners promote an offer with. Files (banners) live in the storage (server/storage) under `fileKey`;
 * text, snippets and swipes live in `body`. Replacing a banner writes a new key and bumps `version`.
 */
export const creatives = pgTable(
  "creatives",
  {
    id: id("creative"),
    offerId: text()
      .notNull()
      .references(() => offers.id),
    kind: text().$type<CreativeKind>().notNull(),
    name: text().notNull(),
    status: text().$type<CreativeStatus>().notNull().default("active"),
    /** BCP 47 primary tag ("en", "de"); null: any language. */
    language: text(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    /** text_link: the words; html: the snippet ({link} marks the tracking link); email: the swipe's body. */
    body: text(),
    /** email swipes only */
    subject: text(),
    /** image: alt text */
    altText: text(),
    fileKey: text(),
    fileType: text(),
    fileSize: integer(),
    fileName: text(),
    width: integer(),
    height: integer(),
    version: integer().notNull().default(1),
    startsAt: timestamp({ withTimezone: true, mode: "date" }),
    endsAt: timestamp({ withTimezone: true, mode: "date" }),
    createdBy: text().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("creatives_kind_ck", sql`${t.kind} in (${inList(CREATIVE_KINDS)})`),
    check("creatives_status_ck", sql`${t.status} in (${inList(CREATIVE_STATUSES)})`),
    check("creatives_file_ck", sql`(${t.kind} = 'image') = (${t.fileKey} is not null)`),
    check("creatives_dates_ck", sql`${t.endsAt} is null or ${t.startsAt} is null or ${t.endsAt} > ${t.startsAt}`),
    // the admin list and the partner library, per offer
    index("creatives_offer_idx").on(t.offerId, t.status),
  ],
);

/** Creatives shown only to some partner groups; a creative with no rows here is shown to everyone who sees its offer. */
export const creativeGroups = pgTable(
  "creative_groups",
  {
    creativeId: text()
      .notNull()
      .references(() => creatives.id, { onDelete: "cascade" }),
    groupId: text()
      .notNull()
      .references(() => partnerGroups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.creativeId, t.groupId] }), index("creative_groups_group_idx").on(t.groupId)],
);

/**
 * Banner impressions counted per creative, partner and day of the program's time zone (one upsert per served
 * image). `folded` is how many of them the report rollups hold; the rollup worker folds the difference.
 */
export const creativeImpressions = pgTable(
  "creative_impressions",
  {
    creativeId: text()
      .notNull()
      .references(() => creatives.id),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    day: date({ mode: "string" }).notNull(),
    impressions: bigint({ mode: "number" }).notNull().default(0),
    folded: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.creativeId, t.partnerId, t.day] }),
    // a partner's impressions on their creatives page
    index("creative_impressions_partner_idx").on(t.partnerId, t.day),
    // the rollup worker finds the rows it has not folded yet without reading the rest
    index("creative_impressions_unfolded_idx").on(t.day).where(sql`${t.impressions} <> ${t.folded}`),
  ],
);


/** News from the operator to all partners, one group, or the partners of one offer. */
export const announcements = pgTable(
  "announcements",
  {
    id: id("announcement"),
    title: text().notNull(),
    body: text().notNull(),
    audience: text().$type<AnnouncementAudience>().notNull(),
    groupId: text().references(() => partnerGroups.id, { onDelete: "set null" }),
    offerId: text().references(() => offers.id),
    emailed: boolean().notNull().default(false),
    authorId: text().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check("announcements_audience_ck", sql`${t.audience} in (${inList(ANNOUNCEMENT_AUDIENCES)})`),
    check("announcements_target_ck", sql`(${t.audience} <> 'offer' or ${t.offerId} is not null)`),
    index("announcements_created_idx").on(t.createdAt),
  ],
);

/** Who an announcement went to (the audience as it was when it was sent) and when each partner read it. */
export const announcementRecipients = pgTable(
  "announcement_recipients",
  {
    announcementId: text()
      .notNull()
      .references(() => announcements.id, { onDelete: "cascade" }),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    readAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [
    primaryKey({ columns: [t.announcementId, t.partnerId] }),
    // the portal's list and unread badge
    index("announcement_recipients_partner_idx").on(t.partnerId, t.readAt),
  ],
);

/** Which optional e-mails a partner wants. Transactional mail (resets, payouts, reviews) always goes. No row: all on. */
export const partnerMailPreferences = pgTable("partner_mail_preferences", {
  partnerId: text()
    .primaryKey()
    .references(() => partners.id),
  announcements: boolean().notNull().default(true),
  updatedAt: updatedAt(),
});
