import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { PARTNER_STATUSES, partners } from "./partners";
import { offers } from "./programs";
import { users } from "./users";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/** Every status change of a partner, with who made it and why: the partner page's status history. */
export const partnerStatusEvents = pgTable(
  "partner_status_events",
  {
    id: id("partnerEvent"),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    fromStatus: text(),
    toStatus: text().notNull(),
    reason: text(),
    actorId: text().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check("partner_status_events_to_ck", sql`${t.toStatus} in (${inList(PARTNER_STATUSES)})`),
    // the partner page's history, newest first
    index("partner_status_events_partner_idx").on(t.partnerId, t.createdAt),
  ],
);

/**
 * A partner's sponsors over time (append-only). The sponsor in force at an instant is the row with the latest
 * `validFrom` not after it; a null sponsor ends sponsorship. Overrides use the sponsor at the conversion's time.
 */
export const partnerSponsors = pgTable(
  "partner_sponsors",
  {
    id: id("partnerSponsor"),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    sponsorId: text().references(() => partners.id),
    validFrom: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    reason: text(),
    actorId: text().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check("partner_sponsors_not_self_ck", sql`${t.sponsorId} is null or ${t.sponsorId} <> ${t.partnerId}`),
    // the override engine: a partner's sponsor at a conversion's time
    index("partner_sponsors_partner_idx").on(t.partnerId, t.validFrom),
    // a sponsor's history and sub-affiliates
    index("partner_sponsors_sponsor_idx").on(t.sponsorId),
  ],
);

/** Internal notes about a partner; partners never see them. */
export const partnerNotes = pgTable(
  "partner_notes",
  {
    id: id("partnerNote"),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    body: text().notNull(),
    authorId: text().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("partner_notes_partner_idx").on(t.partnerId, t.createdAt)],
);

/** Named groups of partners (e.g. "Gold"): plans are assigned to a group's members at once, offers shown to groups. */
export const partnerGroups = pgTable(
  "partner_groups",
  {
    id: id("partnerGroup"),
    name: text().notNull(),
    description: text(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("partner_groups_name_uq").on(sql`lower(${t.name})`)],
);

export const partnerGroupMembers = pgTable(
  "partner_group_members",
  {
    groupId: text()
      .notNull()
      .references(() => partnerGroups.id, { onDelete: "cascade" }),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.partnerId] }),
    // a partner's groups (partner page, offer visibility)
    index("partner_group_members_partner_idx").on(t.partnerId),
  ],
);

/** The groups an offer with visibility "groups" is shown to. */
export const offerGroups = pgTable(
  "offer_groups",
  {
    offerId: text()
      .notNull()
      .references(() => offers.id),
    groupId: text()
      .notNull()
      .references(() => partnerGroups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.offerId, t.groupId] }), index("offer_groups_group_idx").on(t.groupId)],
);
