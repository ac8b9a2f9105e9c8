import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
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
