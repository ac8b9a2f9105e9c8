import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, currency, id, minorUnits } from "./columns";
import { partners } from "./partners";
import { offers, programs } from "./programs";
import { users } from "./users";

/**
 * Plan terms as stored: `PlanTerms` (server/commissions/plans/types.ts) with every minor-unit amount written as
 * a string of digits, since JSON has no bigint. `parsePlanTerms` reads it back.
 */
export type StoredPlanTerms = Record<string, unknown> & { currency: string; components: Record<string, unknown> };

/** A named commission plan of a program. What it pays lives in its versions. */
export const commissionPlans = pgTable(
  "commission_plans",
  {
    id: id("plan"),
    programId: text()
      .notNull()
      .references(() => programs.id),
    name: text().notNull(),
    description: text(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("commission_plans_program_name_uq").on(t.programId, t.name)],
);

/**
 * One version of a plan's terms, in force from `effectiveFrom`. Append-only (a database trigger refuses updates
 * and deletes): a change of terms is a new version, so the past is never rewritten and every commission names
 * the version it was computed under.
 */
export const commissionPlanVersions = pgTable(
  "commission_plan_versions",
  {
    id: id("planVersion"),
    planId: text()
      .notNull()
      .references(() => commissionPlans.id),
    version: integer().notNull(),
    terms: jsonb().$type<StoredPlanTerms>().notNull(),
    effectiveFrom: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    /** What changed and why, shown to partners in their terms history. */
    note: text().notNull(),
    createdBy: text().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("commission_plan_versions_plan_version_uq").on(t.planId, t.version), index("commission_plan_versions_effective_idx").on(t.planId, t.effectiveFrom)],
);

/**
 * Which plan pays whom: a partner on an offer, a partner on every offer of the program, or (partner null) the
 * offer's default. Append-only like the versions: reassigning adds a row with a later `effectiveFrom`, so the
 * plan that applied to any past moment can be found again.
 */
export const planAssignments = pgTable(
  "plan_assignments",
  {
    id: id("planAssignment"),
    programId: text()
      .notNull()
      .references(() => programs.id),
    /** Null: the default for everybody on the offer (or the program, when offerId is null too). */
    partnerId: text().references(() => partners.id),
    /** Null: every offer of the program. */
    offerId: text().references(() => offers.id),
    planId: text()
      .notNull()
      .references(() => commissionPlans.id),
    effectiveFrom: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    note: text().notNull(),
    createdBy: text().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("plan_assignments_scope_idx").on(t.programId, t.partnerId, t.offerId, t.effectiveFrom),
    index("plan_assignments_plan_idx").on(t.planId),
    // two assignments of one scope at the same instant would make "which applies" ambiguous
    uniqueIndex("plan_assignments_scope_time_uq").on(t.programId, sql`coalesce(${t.partnerId}, '')`, sql`coalesce(${t.offerId}, '')`, t.effectiveFrom),
  ],
);

/** One month of NGR revenue share settled for one partner: the statement lines show the formula step by step. */
export const ngrSettlements = pgTable(
  "ngr_settlements",
  {
    id: id("ngrSettlement"),
    programId: text()
      .notNull()
      .references(() => programs.id),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    planVersionId: text()
      .notNull()
      .references(() => commissionPlanVersions.id),
    /** The first day of the settled month (UTC). */
    month: text().notNull(),
    currency: currency().notNull(),
    customerCount: integer().notNull(),
    ngrTotal: minorUnits().notNull(),
    carryIn: minorUnits().notNull(),
    base: minorUnits().notNull(),
    commission: minorUnits().notNull(),
    carryOut: minorUnits().notNull(),
    statement: jsonb().$type<string[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("ngr_settlements_partner_month_uq").on(t.programId, t.partnerId, t.currency, t.month)],
);

/**
 * One month of a KPI deal judged for one partner under one plan version: what was measured over the FTDs the
 * version priced, whether the KPI was met, and what it paid (the commission of kind `kpi`, when above zero).
 */
export const kpiSettlements = pgTable(
  "kpi_settlements",
  {
    id: id("kpiSettlement"),
    programId: text()
      .notNull()
      .references(() => programs.id),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    planVersionId: text()
      .notNull()
      .references(() => commissionPlanVersions.id),
    /** The calendar month (UTC) of the FTDs: "2026-11". */
    period: text().notNull(),
    currency: currency().notNull(),
    passed: boolean().notNull(),
    /** The measured figures (KpiMeasure, amounts as strings of minor units). */
    measured: jsonb().$type<Record<string, string | number | null>>().notNull(),
    amount: minorUnits().notNull(),
    /** The judgement in words, quoting every measured value; the ledger line's reason. */
    summary: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // a month is settled once per partner and version, however often the job runs
    uniqueIndex("kpi_settlements_partner_version_period_uq").on(t.partnerId, t.planVersionId, t.period),
    index("kpi_settlements_program_idx").on(t.programId),
    index("kpi_settlements_version_idx").on(t.planVersionId),
  ],
);
