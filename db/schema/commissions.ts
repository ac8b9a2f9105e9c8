import { sql } from "drizzle-orm";
import { bigint, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, currency, id, minorUnits } from "./columns";
import { conversions } from "./conversions";
import { offers } from "./programs";
import { partners } from "./partners";
import { commissionPlanVersions, kpiSettlements, ngrSettlements } from "./plans";
import { users } from "./users";

export const COMMISSION_KINDS = ["event", "override", "settlement", "kpi"] as const;
/**
 * - `event`: earned by a conversion under the partner's plan (its share by attribution credit);
 * - `override`: a multi-tier override paid to an upline, a percentage of another commission (`overrideOf`);
 * - `settlement`: a month of NGR revenue share (`settlementId`);
 * - `kpi`: a month of a KPI deal met: the withheld CPAs or the bonus (`kpiSettlementId`).
 */
export type CommissionKind = (typeof COMMISSION_KINDS)[number];

/** One line of how a commission was computed, e.g. "CPA for FTD: 200.00 USD", then "40.0% of it by attribution". */
export type StoredCommissionLine = { component: string; basis: string; amount: number };

/**
 * What a partner earned. Immutable: its life (approved, paid, reversed, ...) is in the ledger. Every commission
 * names the plan version it was computed under and keeps the lines of the computation, so it can be explained
 * to the partner long after the plan changed.
 */
export const commissions = pgTable(
  "commissions",
  {
    id: id("commission"),
    kind: text().$type<CommissionKind>().notNull().default("event"),
    /** Null only for NGR settlements, which cover a month of conversions. */
    conversionId: text().references(() => conversions.id),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    offerId: text()
      .notNull()
      .references(() => offers.id),
    amount: minorUnits().notNull(),
    currency: currency().notNull(),
    /** The attribution version this share comes from: a re-attribution reverses and re-accrues under the next. */
    attributionVersion: integer().notNull().default(1),
    /** The partner's credit (0..1] under that attribution; 1 for a single-partner decision. */
    credit: doublePrecision().notNull().default(1),
    planVersionId: text().references(() => commissionPlanVersions.id),
    lines: jsonb().$type<StoredCommissionLine[]>().notNull().default([]),
    /** Not approvable before this moment: the offer's hold period, counted from the accrual. */
    holdUntil: timestamp({ withTimezone: true, mode: "date" }),
    /** For an override: the commission it is a percentage of, and how far up the chain (1 = the parent). */
    overrideOf: text(),
    level: integer(),
    settlementId: text().references(() => ngrSettlements.id),
    kpiSettlementId: text().references(() => kpiSettlements.id),
    /** When what it pays for happened: the conversion's time (for an override, the sub-partner's conversion), or
     * the settlement's accrual. The date lists show, sort and filter by; copied here so that one index serves them. */
    occurredAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /**
     * Set for a commission moved here from another platform (imports.id). It has no ledger entries, so it can be
     * neither approved nor paid: what the old platform still owed arrives as an opening-balance adjustment.
     */
    importId: text(),
    /**
     * Copies of the conversion's program, event type and amount (null without a conversion), kept by an insert
     * trigger whoever writes the commission (migration 0027). A tier's volume counts the partner's commissions in
     * a month from commissions_partner_occurred_idx alone, without reading each conversion.
     */
    conversionProgramId: text(),
    conversionEvent: text(),
    conversionAmount: minorUnits(),
    createdAt: createdAt(),
  },
  (t) => [
    // processing a conversion twice can never accrue twice
    uniqueIndex("commissions_conversion_partner_uq").on(t.conversionId, t.partnerId, t.attributionVersion).where(sql`${t.kind} = 'event'`),
    uniqueIndex("commissions_override_uq").on(t.overrideOf, t.partnerId).where(sql`${t.kind} = 'override'`),
    uniqueIndex("commissions_settlement_uq").on(t.settlementId, t.partnerId).where(sql`${t.kind} = 'settlement'`),
    uniqueIndex("commissions_kpi_settlement_uq").on(t.kpiSettlementId).where(sql`${t.kind} = 'kpi'`),
    index("commissions_partner_id_idx").on(t.partnerId, t.createdAt),
    index("commissions_conversion_idx").on(t.conversionId),
    // the admin queue, newest or oldest first by the date it shows, and its age filter
    index("commissions_occurred_idx").on(t.occurredAt, t.id),
    // a partner's earnings by the same date; the columns after id let a tier's monthly volume be counted from
    // the index alone (readContexts)
    index("commissions_partner_occurred_idx").on(t.partnerId, t.occurredAt, t.id, t.kind, t.conversionProgramId, t.conversionEvent, t.conversionId, t.conversionAmount),
  ],
);

export const LEDGER_ENTRY_TYPES = ["accrual", "approval", "rejection", "reversal", "adjustment", "payout"] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];

/** Buckets a partner's money sits in. A balance is the sum of a bucket's entries, never a stored number. */
export const LEDGER_BUCKETS = ["pending", "approved", "paid"] as const;
export type LedgerBucket = (typeof LEDGER_BUCKETS)[number];

export const LEDGER_SOURCES = ["conversion", "admin", "payout", "system", "settlement"] as const;
export type LedgerSource = (typeof LEDGER_SOURCES)[number];

/**
 * The ledger: append-only. Moving money between buckets is a pair of entries written in one transaction
 * (e.g. approval: -X pending, +X approved). Nothing here is ever updated or deleted; a correction is a new,
 * reversing entry with a reason.
 */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: id("ledgerEntry"),
    /** Append order, across every process writing to the database. */
    seq: bigint({ mode: "number" }).generatedAlwaysAsIdentity(),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    commissionId: text().references(() => commissions.id),
    type: text().$type<LedgerEntryType>().notNull(),
    bucket: text().$type<LedgerBucket>().notNull(),
    amount: minorUnits().notNull(),
    currency: currency().notNull(),
    reason: text().notNull(),
    source: text().$type<LedgerSource>().notNull(),
    actorId: text().references(() => users.id),
    payoutBatchId: text(),
    createdAt: createdAt(),
  },
  (t) => [
    // partner balances and statements
    index("ledger_entries_partner_idx").on(t.partnerId, t.currency, t.bucket),
    // a commission's current state is its latest entry
    index("ledger_entries_commission_idx").on(t.commissionId, t.seq),
    // each life event happens once per commission: no double accrual, approval or payment even under races
    uniqueIndex("ledger_entries_commission_event_uq")
      .on(t.commissionId, t.type, t.bucket)
      .where(sql`${t.commissionId} is not null and ${t.type} in ('accrual', 'approval', 'rejection', 'payout')`),
  ],
);
