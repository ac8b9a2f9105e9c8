import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { programs, sqlList } from "./programs";
import { users } from "./users";

export const IMPORT_STATUSES = ["running", "completed", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Per entity of a file: what happened to its rows. */
export type ImportEntityCounts = { read: number; created: number; updated: number; skipped: number; refused: number };
/** Per currency: what the file said partners were owed, and what was written to the ledger as opening balances. */
export type ImportBalanceCheck = { currency: string; fileTotal: number; imported: number };
/** A refused row: its row number in the file (the header is row 1), the column at fault and why. */
export type ImportRowError = { row: number; column: string | null; reason: string };
export type ImportReport = {
  entities: Record<string, ImportEntityCounts>;
  balances: ImportBalanceCheck[];
  /** The first refused rows (at most 1,000 are kept; `refusedTotal` counts them all). */
  errors: ImportRowError[];
  refusedTotal: number;
};

/** One run of an importer over one file (a dry run writes nothing, this row neither). */
export const imports = pgTable(
  "imports",
  {
    id: id("import"),
    programId: text()
      .notNull()
      .references(() => programs.id),
    preset: text().notNull(),
    /** Which kind of the preset's exports the file is (partners, conversions, customers, coupons). */
    fileKind: text().notNull(),
    fileName: text().notNull(),
    status: text().$type<ImportStatus>().notNull().default("running"),
    /** For the generic preset: our field -> the file's column. */
    mapping: jsonb().$type<Record<string, string>>(),
    rowsRead: integer().notNull().default(0),
    rowsOk: integer().notNull().default(0),
    rowsRefused: integer().notNull().default(0),
    rowsSkipped: integer().notNull().default(0),
    report: jsonb().$type<ImportReport>(),
    failureReason: text(),
    actorId: text().references(() => users.id),
    createdAt: createdAt(),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [
    check("imports_status_ck", sql`${t.status} in (${sqlList(IMPORT_STATUSES)})`),
    // the admin page's list of a program's imports, newest first
    index("imports_program_idx").on(t.programId, t.createdAt),
  ],
);

/**
 * Every row ever imported, by a stable key (program, preset, entity and the old platform's id of the row): a row
 * whose key is here is skipped, so running a file twice, or again after a crash, changes nothing.
 */
export const importRows = pgTable(
  "import_rows",
  {
    /** `<programId>|<preset>|<entity>|<vendor id>` */
    key: text().primaryKey(),
    importId: text()
      .notNull()
      .references(() => imports.id),
    programId: text()
      .notNull()
      .references(() => programs.id),
    preset: text().notNull(),
    entity: text().notNull(),
    vendorId: text().notNull(),
    /** Its row number in the file (the header is row 1). */
    row: integer().notNull(),
    /** What the row became here (a partner, conversion, coupon ... id). */
    targetId: text().notNull(),
    /** For a partner: the old platform's id of their sponsor, resolved once the whole file is in. */
    parentVendorId: text(),
    createdAt: createdAt(),
  },
  (t) => [
    // the sponsor pass of an import, and the report's list of rows
    index("import_rows_import_idx").on(t.importId),
  ],
);
