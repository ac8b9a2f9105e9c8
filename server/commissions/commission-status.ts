import { getTableName, sql } from "drizzle-orm";
import { commissions, type LedgerEntryType } from "@/db/schema";

export const COMMISSION_STATUSES = ["pending", "approved", "rejected", "paid", "reversed"] as const;
export type CommissionStatus = (typeof COMMISSION_STATUSES)[number];

const STATUS_OF_LAST_ENTRY: Record<LedgerEntryType, CommissionStatus> = {
  accrual: "pending",
  approval: "approved",
  rejection: "rejected",
  payout: "paid",
  reversal: "reversed",
  adjustment: "pending",
};

/**
 * A commission's status is derived from its latest ledger entry; it is never stored on its own.
 * The outer column is written fully qualified: drizzle renders `commissions.id` as a bare "id" in a
 * query without joins, which inside this subquery would silently mean `le.id`.
 */
export const lastEntryType = sql<LedgerEntryType>`(select le.type from ledger_entries le where le.commission_id = ${sql.identifier(getTableName(commissions))}.${sql.identifier("id")} order by le.seq desc limit 1)`;

/** The latest entry's reason: why a commission is rejected or reversed. Same qualification as `lastEntryType`. */
export const lastEntryReason = sql<string | null>`(select le.reason from ledger_entries le where le.commission_id = ${sql.identifier(getTableName(commissions))}.${sql.identifier("id")} order by le.seq desc limit 1)`;

export const statusOf = (type: LedgerEntryType | null): CommissionStatus => STATUS_OF_LAST_ENTRY[type ?? "accrual"];

export const entryTypesFor = (status: CommissionStatus): LedgerEntryType[] =>
  (Object.keys(STATUS_OF_LAST_ENTRY) as LedgerEntryType[]).filter((t) => STATUS_OF_LAST_ENTRY[t] === status);
