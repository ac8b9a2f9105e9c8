import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, currency, id, minorUnits, updatedAt } from "./columns";
import { commissions, ledgerEntries } from "./commissions";
import { partners, type PayoutDetailsData, type PayoutMethod } from "./partners";
import { programs, type PayoutSettings } from "./programs";
import { users } from "./users";

/**
 * draft (being checked) -> approved (cleared for payment) -> paid (with the payment reference), or failed from
 * draft or approved: nothing was paid, and the batch's entries return to the partners' balances.
 */
export const PAYOUT_BATCH_STATUSES = ["draft", "approved", "paid", "failed"] as const;
export type PayoutBatchStatus = (typeof PAYOUT_BATCH_STATUSES)[number];

export const payoutBatches = pgTable(
  "payout_batches",
  {
    id: id("payoutBatch"),
    currency: currency().notNull(),
    status: text().$type<PayoutBatchStatus>().notNull().default("draft"),
    total: minorUnits().notNull(),
    itemCount: integer().notNull(),
    partnerCount: integer().notNull(),
    reference: text(),
    /** Why the payment failed, shown with the batch. */
    failureReason: text(),
    /** Set for batches the schedule made: "2026-12" (monthly) or "2026-W49" (weekly), once per currency. */
    period: text(),
    scheduled: boolean().notNull().default(false),
    /**
     * For a scheduled batch: the program whose own payout settings made it (it holds that program's money
     * only), or null for the operator's default schedule (every program without its own settings, and
     * adjustments). Null for batches made by hand, which take every program at its own minimum.
     */
    programId: text().references(() => programs.id),
    /** Null when the schedule created it. */
    createdBy: text().references(() => users.id),
    approvedBy: text().references(() => users.id),
    approvedAt: timestamp({ withTimezone: true, mode: "date" }),
    paidBy: text().references(() => users.id),
    paidAt: timestamp({ withTimezone: true, mode: "date" }),
    failedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    // one scheduled batch per period, currency and schedule (a program's own, or the default: '')
    uniqueIndex("payout_batches_period_uq").on(t.currency, t.period, sql`coalesce(${t.programId}, '')`).where(sql`${t.period} is not null`),
    index("payout_batches_program_idx").on(t.programId),
  ],
);

/** The operator's default payout schedule and minimums: one row (id "default"); programs may set their own. */
export const payoutDefaults = pgTable("payout_defaults", {
  id: text().primaryKey().default("default"),
  settings: jsonb().$type<PayoutSettings>().notNull(),
  updatedAt: updatedAt(),
});

/** One partner's line of a batch, with the payout details copied when the batch was made. */
export const payoutBatchPartners = pgTable(
  "payout_batch_partners",
  {
    batchId: text()
      .notNull()
      .references(() => payoutBatches.id),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    amount: minorUnits().notNull(),
    currency: currency().notNull(),
    method: text().$type<PayoutMethod>().notNull(),
    details: jsonb().$type<PayoutDetailsData>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.partnerId] }), index("payout_batch_partners_partner_idx").on(t.partnerId)],
);

/**
 * The approved-balance entries a batch pays: approvals (+), and reversals or adjustments (−) that net against
 * them. An entry is in at most one live batch; a failed batch releases its entries so the next batch takes them.
 */
export const payoutBatchItems = pgTable(
  "payout_batch_items",
  {
    batchId: text()
      .notNull()
      .references(() => payoutBatches.id),
    ledgerEntryId: text()
      .notNull()
      .references(() => ledgerEntries.id),
    commissionId: text().references(() => commissions.id),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    amount: minorUnits().notNull(),
    currency: currency().notNull(),
    releasedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [
    // an entry is paid at most once: two batches can never both hold it
    uniqueIndex("payout_batch_items_entry_uq").on(t.ledgerEntryId).where(sql`${t.releasedAt} is null`),
    index("payout_batch_items_batch_idx").on(t.batchId, t.partnerId),
  ],
);
