import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { conversions } from "./conversions";
import { programs, type AttributionSource, type StoredModel } from "./programs";
import { users } from "./users";

/** One touch of a journey as it was weighed: enough to explain the decision without re-reading clicks. */
export type RecordedTouch = {
  clickId: string;
  at: string;
  partnerId: string;
  linkId: string | null;
  sub: (string | null)[];
  weight: number;
};

export type RecordedShare = { partnerId: string; credit: number };

/**
 * Why a conversion was credited as it was: the evidence used, the journey, the model with its parameters,
 * each touch's weight and each partner's credit. Version 1 is the first decision; a re-attribution adds
 * the next version and marks the previous one superseded, so the history stays readable.
 */
export const attributions = pgTable(
  "attributions",
  {
    id: id("attribution"),
    conversionId: text()
      .notNull()
      .references(() => conversions.id),
    version: integer().notNull(),
    /** The evidence that decided (null when nothing identified a partner). */
    source: text().$type<AttributionSource>(),
    model: jsonb().$type<StoredModel>().notNull(),
    /** Set when the model could not be applied as chosen (e.g. data-driven without enough data). */
    fellBackTo: text(),
    /** Data-driven: the learned weights that were applied, and how much data they came from. */
    modelFitId: text(),
    /** Plain-language rules applied, in order (window, clicks after the reported click, ...). */
    rules: jsonb().$type<string[]>().notNull(),
    touchpoints: jsonb().$type<RecordedTouch[]>().notNull(),
    credits: jsonb().$type<RecordedShare[]>().notNull(),
    reason: text().notNull(),
    actorId: text().references(() => users.id),
    createdAt: createdAt(),
    supersededAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("attributions_conversion_version_uq").on(t.conversionId, t.version),
    // the current decision of a conversion
    uniqueIndex("attributions_current_uq").on(t.conversionId).where(sql`${t.supersededAt} is null`),
  ],
);

/** Data-driven weights learned from a program's converting and non-converting journeys, newest last. */
export const modelFits = pgTable(
  "model_fits",
  {
    id: id("modelFit"),
    programId: text()
      .notNull()
      .references(() => programs.id),
    weights: jsonb().$type<Record<string, number>>().notNull(),
    journeys: integer().notNull(),
    conversions: integer().notNull(),
    sufficient: boolean().notNull(),
    fromAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    toAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // the latest fit of a program
    index("model_fits_program_idx").on(t.programId, t.createdAt),
  ],
);

export const ATTRIBUTION_RUN_KINDS = ["simulate", "reattribute"] as const;
export type AttributionRunKind = (typeof ATTRIBUTION_RUN_KINDS)[number];
export const ATTRIBUTION_RUN_STATUSES = ["queued", "running", "done", "failed"] as const;
export type AttributionRunStatus = (typeof ATTRIBUTION_RUN_STATUSES)[number];

/** A batch job over a date range (simulation or re-attribution), with its progress and its result. */
export const attributionRuns = pgTable(
  "attribution_runs",
  {
    id: id("attributionRun"),
    programId: text()
      .notNull()
      .references(() => programs.id),
    kind: text().$type<AttributionRunKind>().notNull(),
    status: text().$type<AttributionRunStatus>().notNull().default("queued"),
    params: jsonb().$type<Record<string, unknown>>().notNull(),
    done: integer().notNull().default(0),
    total: integer().notNull().default(0),
    result: jsonb().$type<Record<string, unknown>>(),
    error: text(),
    actorId: text().references(() => users.id),
    createdAt: createdAt(),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [index("attribution_runs_program_idx").on(t.programId, t.createdAt)],
);
