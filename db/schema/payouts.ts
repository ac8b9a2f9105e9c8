import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, currency, id, minorUnits } from "./columns";
import { commissions } from "./commissions";
import { partners } from "./partners";
import { users } from "./users";

export const PAYOUT_BATCH_STATUSES = ["draft", "paid"] as const;
export type PayoutBatchStatus = (typeof PAYOUT_BATCH_STATUSES)[number];

export const payoutBatches = pgTable("payout_batches", {
  id: id("payoutBatch"),
  currency: currency().notNull(),
  status: text().$type<PayoutBatchStatus>().notNull().default("draft"),
  total: minorUnits().notNull(),
  itemCount: integer().notNull(),
  partnerCount: integer().notNull(),
  reference: text(),
  createdBy: text()
    .notNull()
    .references(() => users.id),
  paidBy: text().references(() => users.id),
  paidAt: timestamp({ withTimezone: true, mode: "date" }),
  createdAt: createdAt(),
});

export const payoutBatchItems = pgTable(
  "payout_batch_items",
  {
    batchId: text()
      .notNull()
      .references(() => payoutBatches.id),
    commissionId: text()
      .notNull()
      .references(() => commissions.id),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    amount: minorUnits().notNull(),
    currency: currency().notNull(),
  },
  (t) => [
    // a commission belongs to at most one batch: it can never be paid twice
    uniqueIndex("payout_batch_items_commission_uq").on(t.commissionId),
    index("payout_batch_items_batch_idx").on(t.batchId),
  ],
);
