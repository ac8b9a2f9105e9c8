import { type AnyPgColumn, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { users } from "./users";

export const PARTNER_STATUSES = ["pending", "approved", "rejected", "suspended"] as const;
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
    /** The partner who recruited this one: multi-tier plans pay overrides up this chain. */
    parentPartnerId: text().references((): AnyPgColumn => partners.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
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
