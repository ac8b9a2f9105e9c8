import { bigint, date, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, minorUnits, updatedAt, xid8 } from "./columns";
import { users } from "./users";

/** Counters are bigint in the database; JS numbers are exact up to 2^53. */
const counter = () => bigint({ mode: "number" }).notNull().default(0);

/**
 * Daily report rollups, one row per dimension set (`grain`), day and key. The day is the program's own: a fact's
 * date in the program's time zone when it was folded (a later change of zone moves new facts only; a rebuild
 * re-dates what raw data is left). Columns a grain does not keep hold ''
 * (never null, so the key is one unique index); `d1`/`d2` hold the grain's attribute dimensions (server/reports/grains.ts).
 * Click rows have event '' and currency ''; conversion and commission rows carry their event and currency.
 * Kept by the rollup worker as deltas, rebuilt from raw data by `npm run reports:rebuild`.
 */
export const reportRollups = pgTable(
  "report_rollups",
  {
    grain: text().notNull(),
    day: date({ mode: "string" }).notNull(),
    programId: text().notNull(),
    offerId: text().notNull(),
    partnerId: text().notNull(),
    linkId: text().notNull(),
    d1: text().notNull(),
    d2: text().notNull(),
    event: text().notNull(),
    currency: text().notNull(),
    clicks: counter(),
    uniqueClicks: counter(),
    conversions: counter(),
    revenue: minorUnits().notNull().default(0),
    commissionPending: minorUnits().notNull().default(0),
    commissionApproved: minorUnits().notNull().default(0),
    commissionPaid: minorUnits().notNull().default(0),
    commissionReversed: minorUnits().notNull().default(0),
    /** Banner impressions (server/reports/fold-impressions.ts): on the click rows (no event) of the `offer` and `partner` grains only. */
    impressions: counter(),
  },
  (t) => [
    // the worker's upsert key; admin reports read a grain over a range of days
    uniqueIndex("report_rollups_key_uq").on(t.grain, t.day, t.programId, t.offerId, t.partnerId, t.linkId, t.d1, t.d2, t.event, t.currency),
    // partner reports and dashboards: one partner's rows of a grain over a range of days
    index("report_rollups_partner_idx").on(t.grain, t.partnerId, t.day),
  ],
);

/** The worker's progress over clicks: every click whose transaction id is below `clicksXmin` is folded. */
export const reportState = pgTable("report_state", {
  id: text().primaryKey(),
  clicksXmin: xid8().notNull(),
  /** Raw clicks before this instant were dropped by the retention job: their click rollups are all that is left. */
  clicksKeptFrom: timestamp({ withTimezone: true, mode: "date" }),
  updatedAt: updatedAt(),
});

/** Conversions (or commissions without a conversion) whose report facts may have changed; filled by triggers. */
export const reportDirty = pgTable(
  "report_dirty",
  {
    entity: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.entity] })],
);

/** What each entity last contributed to the rollups, so a change folds in as "minus old, plus new". */
export type FoldedFact = {
  /** YYYY-MM-DD in the program's time zone */
  day: string;
  programId: string;
  offerId: string;
  partnerId: string;
  linkId: string;
  attrs: Record<string, string>;
  event: string;
  currency: string;
  conversions: number;
  revenue: number;
  commissionPending: number;
  commissionApproved: number;
  commissionPaid: number;
  commissionReversed: number;
};

export const reportFolded = pgTable("report_folded", {
  entity: text().primaryKey(),
  facts: jsonb().$type<FoldedFact[]>().notNull(),
  updatedAt: updatedAt(),
});

/** A report layout saved by its owner (an admin or a partner's user), reopened from the reports page. */
export const reportViews = pgTable(
  "report_views",
  {
    id: id("reportView"),
    userId: text()
      .notNull()
      .references(() => users.id),
    /** `admin` or `portal`: a view is only offered on the page it was saved from. */
    scope: text().$type<"admin" | "portal">().notNull(),
    name: text().notNull(),
    query: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // the reports page lists its user's views
    index("report_views_user_idx").on(t.userId, t.scope),
    uniqueIndex("report_views_user_name_uq").on(t.userId, t.scope, t.name),
  ],
);
