import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { importRows, imports, type ImportReport, type ImportRowError } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { detectKind, mapRow, type RowContext } from "./map-row";
import { PRESETS, type PresetName } from "./presets";
import type { RecordOf } from "./records";
import { insertJson } from "./insert-json";
import { resolveImportTarget } from "./resolve-target";
import { setSponsors } from "./set-sponsors";
import type { FileKind } from "./types";
import { firstOnly, rowKey, type BatchResult, type Pending, type Refused, type WriteContext } from "./write-context";
import { writeConversions } from "./write-conversions";
import { writeCoupons } from "./write-coupons";
import { writeCustomers } from "./write-customers";
import { writePartners } from "./write-partners";

export type RunImportInput = {
  preset: PresetName;
  fileName: string;
  /** The CSV: a stream (read as it arrives, in bounded memory) or, from the admin page, its text. */
  csv: Readable | string;
  programId?: string;
  offerId?: string;
  /** Reads and checks every row inside a transaction that is rolled back: nothing is written, not even the import's record. */
  dryRun?: boolean;
  /** Our field -> the file's column, over the preset's own (the generic preset's columns are our field names). */
  mapping?: Record<string, string>;
  actorId?: string | null;
  batchSize?: number;
  /** Batches written at once by a real run (3 by default); a dry run writes one at a time. */
  concurrency?: number;
  /** After every batch: for the CLI's and the page's progress. */
  onProgress?: (p: ImportProgress) => void;
  /** Every refused row, as it is found (the stored report keeps the first 1,000). */
  onError?: (e: ImportRowError) => void;
};

export type ImportProgress = { rowsRead: number; ok: number; refused: number; skipped: number };
export type ImportOutcome = ImportProgress & { importId: string | null; kind: FileKind; dryRun: boolean; report: ImportReport };

const WRITERS: { [K in FileKind]: (ctx: WriteContext, rows: Pending<RecordOf[K]>[]) => Promise<BatchResult> } = {
  partners: writePartners,
  conversions: writeConversions,
  customers: writeCustomers,
  coupons: writeCoupons,
};

const MAX_STORED_ERRORS = 1000;
class DryRunDone extends Error {}

/**
 * Imports one CSV export of another platform: streamed, in batches of `batchSize` rows each written in one
 * transaction, every row recorded in import_rows by a stable key so that a second run (or a run resumed after a
 * crash) skips what is in and changes nothing. Refused rows are reported with their row, column and reason and
 * do not stop the import.
 */
export async function runImport(db: Db, input: RunImportInput): Promise<ImportOutcome> {
  const preset = PRESETS[input.preset];
  if (!preset) throw new DomainError("BAD_REQUEST", `Unknown preset "${input.preset}"`, "preset");
  const target = await resolveImportTarget(db, input);
  const batchSize = input.batchSize ?? 1000;
  const source = typeof input.csv === "string" ? Readable.from([input.csv]) : input.csv;
  const parser = source.pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true, max_record_size: 1_000_000 }));
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  const first = await records.next();
  if (first.done) throw new DomainError("BAD_REQUEST", "The file is empty: it needs a header row and at least one row", "file");
  const header = first.value.record;
  const detected = detectKind(preset, header, input.mapping);
  if (!detected) {
    const expected = Object.entries(preset.kinds).map(([kind, m]) => `${kind}: ${Object.values(m.columns).slice(0, 3).join(", ")} ...`);
    throw new DomainError("BAD_REQUEST", `The columns of this file match none of the ${preset.label} exports this importer knows (${expected.join("; ")})`, "file");
  }
  const kind = detected.kind;
  const rowCtx: RowContext = { preset, kind, index: detected.index, minorUnits: preset.kinds[kind]?.amountsInMinorUnits ?? false, defaultCurrency: target.currency };
  const idColumn = detected.index.get(kind === "customers" ? "customer_id" : kind === "coupons" ? "code" : "id")?.header ?? "id";

  const importId = newId("import");
  const report: ImportReport = { entities: { [kind]: { read: 0, created: 0, updated: 0, skipped: 0, refused: 0 } }, balances: [], errors: [], refusedTotal: 0 };
  const progress: ImportProgress = { rowsRead: 0, ok: 0, refused: 0, skipped: 0 };
  const balances = new Map<string, { fileTotal: number; imported: number }>();
  const main = report.entities[kind]!;
  const dryRun = input.dryRun ?? false;

  const refuse = (errs: Refused[]) => {
    const rows = new Set<number>();
    for (const e of errs) {
      rows.add(e.row);
      report.refusedTotal++;
      if (report.errors.length < MAX_STORED_ERRORS) report.errors.push(e);
      input.onError?.(e);
    }
    progress.refused += rows.size;
    main.refused += rows.size;
  };
  const tally = (made: Record<string, number>) => {
    for (const [entity, n] of Object.entries(made)) {
      if (entity === kind) continue;
      report.entities[entity] ??= { read: 0, created: 0, updated: 0, skipped: 0, refused: 0 };
      report.entities[entity].created += n;
    }
  };
  const addBalance = (currency: string, field: "fileTotal" | "imported", amount: number) => {
    const b = balances.get(currency) ?? { fileTotal: 0, imported: 0 };
    b[field] += amount;
    balances.set(currency, b);
  };

  /** One batch in the given transaction: map, drop duplicates and rows already imported, write, record the keys. */
  async function writeBatch(tx: DbOrTx, batch: { row: number; cells: string[] }[]) {
    const ctx: WriteContext = { db: tx, importId, programId: target.programId, offerId: target.offerId, preset: input.preset, label: preset.label, now: new Date() };
    const refused: Refused[] = [];
    let valid: Pending<RecordOf[FileKind]>[] = [];
    for (const { row, cells } of batch) {
      const m = mapRow(rowCtx, cells);
      if (m.ok) valid.push({ row, record: m.record });
      else refused.push(...m.errors.map((e) => ({ ...e, row })));
    }
    valid = firstOnly(valid, (r) => [r.vendorId], idColumn, "id", refused);
    const keyOf = (r: RecordOf[FileKind]) => rowKey(target.programId, input.preset, kind, r.vendorId);
    const done = new Set(valid.length ? (await tx.select({ key: importRows.key }).from(importRows).where(inArray(importRows.key, valid.map((p) => keyOf(p.record))))).map((r) => r.key) : []);
    const fresh = valid.filter((p) => !done.has(keyOf(p.record)));
    const skipped = valid.filter((p) => done.has(keyOf(p.record)));
    const result = fresh.length ? await (WRITERS[kind] as (c: WriteContext, r: Pending<RecordOf[FileKind]>[]) => Promise<BatchResult>)(ctx, fresh) : { created: [], refused: [], made: {}, balances: [] };
    if (result.created.length) {
      await insertJson(
        tx,
        importRows,
        result.created.map((c) => ({ key: rowKey(target.programId, input.preset, kind, c.vendorId), importId, programId: target.programId, preset: input.preset, entity: kind, vendorId: c.vendorId, row: c.row, targetId: c.targetId, parentVendorId: c.parentVendorId ?? null })),
      );
    }
    return { refused: [...refused, ...result.refused], result, skipped, valid };
  }

  /** A batch that failed as a whole (a conflict no check foresaw) is retried row by row, so only the bad rows are refused. */
  async function runBatch(outer: DbOrTx, batch: { row: number; cells: string[] }[]) {
    let outcome: Awaited<ReturnType<typeof writeBatch>> | null = null;
    try {
      outcome = await outer.transaction((tx) => writeBatch(tx, batch));
    } catch (err) {
      if (batch.length === 1) {
        refuse([{ row: batch[0]!.row, column: null, reason: describe(err) }]);
        progress.rowsRead += 1;
        main.read += 1;
        return;
      }
      for (const one of batch) await runBatch(outer, [one]);
      return;
    }
    progress.rowsRead += batch.length;
    main.read += batch.length;
    refuse(outcome.refused);
    progress.ok += outcome.result.created.length;
    main.created += outcome.result.created.length;
    progress.skipped += outcome.skipped.length;
    main.skipped += outcome.skipped.length;
    tally(outcome.result.made);
    if (kind === "partners") {
      for (const p of outcome.valid) {
        const b = (p.record as RecordOf["partners"]).balance;
        if (b) addBalance(b.currency, "fileTotal", b.amount);
      }
      for (const p of outcome.skipped) {
        const b = (p.record as RecordOf["partners"]).balance;
        if (b) addBalance(b.currency, "imported", b.amount);
      }
      for (const b of outcome.result.balances) addBalance(b.currency, "imported", b.amount);
    }
  }

  // A real run writes `concurrency` batches at once (2: on 2 cores as fast as 3 and about 30 MB lighter, scripts/bench/import.ts), each in its own transaction (the database works on one while
  // the next is parsed and sent); a dry run has one transaction, so one batch at a time. Rows of different batches
  // that clash (the same e-mail twice in a file) fail their batch, which is retried row by row.
  const concurrency = dryRun ? 1 : Math.max(1, input.concurrency ?? 2);
  async function runAll(outer: DbOrTx) {
    let batch: { row: number; cells: string[] }[] = [];
    const inflight = new Set<Promise<void>>();
    const start = (rows: typeof batch) => {
      const job = (async () => {
        await runBatch(outer, rows);
        input.onProgress?.({ ...progress });
        if (!dryRun) await db.update(imports).set({ rowsRead: progress.rowsRead, rowsOk: progress.ok, rowsRefused: progress.refused, rowsSkipped: progress.skipped }).where(eq(imports.id, importId));
      })();
      inflight.add(job);
      void job.finally(() => inflight.delete(job)).catch(() => {});
      return job;
    };
    for (;;) {
      const next = await records.next();
      if (!next.done) batch.push({ row: next.value.info.lines, cells: next.value.record });
      if (batch.length >= batchSize || (next.done && batch.length > 0)) {
        start(batch);
        batch = [];
        if (inflight.size >= concurrency) await Promise.race(inflight);
      }
      if (next.done) break;
    }
    await Promise.all(inflight);
    if (kind === "partners") {
      const ctx: WriteContext = { db: outer, importId, programId: target.programId, offerId: target.offerId, preset: input.preset, label: preset.label, now: new Date() };
      const sponsors = await outer.transaction((tx) => setSponsors({ ...ctx, db: tx }));
      main.updated += sponsors.updated;
      for (const e of sponsors.refused) {
        report.refusedTotal++;
        if (report.errors.length < MAX_STORED_ERRORS) report.errors.push(e);
        input.onError?.(e);
      }
    }
    report.balances = [...balances.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, b]) => ({ currency, ...b }));
  }

  const record = (to: DbOrTx) =>
    to.insert(imports).values({ id: importId, programId: target.programId, preset: input.preset, fileKind: kind, fileName: input.fileName.slice(0, 300), mapping: input.mapping ?? null, actorId: input.actorId ?? null });
  if (dryRun) {
    try {
      await db.transaction(async (tx) => {
        // rolled back with everything else: the rows' keys need their import
        await record(tx);
        await runAll(tx);
        throw new DryRunDone();
      });
    } catch (err) {
      if (!(err instanceof DryRunDone)) throw err;
    }
    return { ...progress, importId: null, kind, dryRun, report };
  }

  await record(db);
  try {
    await runAll(db);
  } catch (err) {
    await db.update(imports).set({ status: "failed", failureReason: describe(err), report, finishedAt: new Date(), rowsRead: progress.rowsRead, rowsOk: progress.ok, rowsRefused: progress.refused, rowsSkipped: progress.skipped }).where(eq(imports.id, importId));
    throw err;
  }
  await db
    .update(imports)
    .set({ status: "completed", report, finishedAt: new Date(), rowsRead: progress.rowsRead, rowsOk: progress.ok, rowsRefused: progress.refused, rowsSkipped: progress.skipped })
    .where(eq(imports.id, importId));
  return { ...progress, importId, kind, dryRun, report };
}

/** A database refusal in words for the report (the constraint says what clashed). */
function describe(err: unknown): string {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: string; constraint_name?: string; constraint?: string; message?: string };
    if (pg.code === "23505") return `conflicts with data already here (${pg.constraint_name ?? pg.constraint ?? "a unique key"})`;
    if (pg.code) return `refused by the database: ${pg.message ?? pg.code}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** The CLI's last line. */
export const summaryLine = (o: ImportProgress) => `import: ${o.ok} rows ok, ${o.refused} rows with errors, ${o.skipped} skipped as already imported`;
