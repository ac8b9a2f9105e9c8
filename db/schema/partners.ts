import { sql } from "drizzle-orm";
import { type AnyPgColumn, char, check, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { users } from "./users";
import { PARTNER_STATUSES } from "./values";

export { PARTNER_STATUSES };

export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const partners = pgTable(
  "partners",
  {
    id: id("partner"),
    userId: text()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    website: text(),
    promotionMethods: text(),
    status: text().$type<PartnerStatus>().notNull().default("pending"),
    reviewedBy: text().references(() => users.id),
    reviewedAt: timestamp({ withTimezone: true, mode: "date" }),
    reviewNote: text(),
    /**
     * The partner's current sponsor (who recruited them): a copy of the newest row of partner_sponsors, kept for
     * lists. Overrides are paid to the sponsor in force at the conversion's time, read from partner_sponsors.
     */
    parentPartnerId: text().references((): AnyPgColumn => partners.id),
    /** Why the partner is in their status (shown to them when it is not "approved"). */
    statusReason: text(),
    /** The admin who looks after this partner; manager-scoped roles use this column. */
    managerUserId: text("manager_user_id").references(() => users.id),
    /** One of the program's partner types (server/partners/partner-types.ts). */
    type: text().notNull().default("affiliate"),
    contactName: text(),
    company: text(),
    phone: text(),
    /** ISO 3166-1 alpha-2, upper case. */
    country: char({ length: 2 }),
    trafficSources: text().array().notNull().default([]),
    /** The code of the partner's recruit link (/signup?ref=<code>); issued on approval. */
    recruitCode: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("partners_status_ck", sql`${t.status} in (${sql.raw(PARTNER_STATUSES.map((v) => `'${v}'`).join(", "))})`),
    // sign-up through a recruit link looks the sponsor up by code
    uniqueIndex("partners_recruit_code_uq").on(t.recruitCode),
    // admin partner list filtered by manager, and a manager's own partners
    index("partners_manager_idx").on(t.managerUserId),
    index("partners_parent_idx").on(t.parentPartnerId),
    // session -> partner lookup on every partner procedure
    uniqueIndex("partners_user_id_uq").on(t.userId),
    // admin partner list filtered by status
    index("partners_status_idx").on(t.status, t.createdAt),
  ],
);

export const PAYOUT_METHODS = ["bank_transfer", "paypal", "crypto", "other"] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

/** Method-specific fields, validated by server/payouts/payout-details.ts (IBAN check digits, e-mail, wallet and network). */
export type PayoutDetailsData =
  | { method: "bank_transfer"; accountHolder: string; iban: string; bic: string | null }
  | { method: "paypal"; email: string }
  | { method: "crypto"; address: string; network: string; asset: string }
  | { method: "other"; instructions: string };

/** Where a partner wants to be paid. Batches copy it when they are created, so a later edit never changes a batch. */
export const partnerPayoutDetails = pgTable("partner_payout_details", {
  partnerId: text()
    .primaryKey()
    .references(() => partners.id),
  method: text().$type<PayoutMethod>().notNull(),
  details: jsonb().$type<PayoutDetailsData>().notNull(),
  updatedAt: updatedAt(),
});

/** Portal notices: a commission approved or rejected, a payout sent, terms changed. */
export const notifications = pgTable(
  "notifications",
  {
    id: id("notification"),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    href: text(),
    createdAt: createdAt(),
    readAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [index("notifications_partner_idx").on(t.partnerId, t.createdAt)],
);
