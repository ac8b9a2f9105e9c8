/**
 * npm run import -- --preset <name> --file <path> [--program <id>] [--offer <id>] [--dry-run] [--map field=column,...]
 * Imports one CSV export of another affiliate platform (presets: server/imports/presets). Rows already imported
 * are skipped, so the same file can be run again, or resumed after a crash. With the embedded database, stop the
 * server first: PGlite allows one process per data directory.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { migrateDb, openDb } from "../db/client";
import { DomainError } from "../server/errors";
import { isPresetName, PRESET_NAMES } from "../server/imports/presets";
import { runImport, summaryLine } from "../server/imports/run-import";

function parseMap(spec: string | undefined): Record<string, string> | undefined {
  if (!spec) return undefined;
  const pairs = spec.split(",").map((p) => p.split("=").map((s) => s.trim()));
  if (pairs.some((p) => p.length !== 2 || !p[0] || !p[1])) throw new DomainError("BAD_REQUEST", '--map takes field=column pairs separated by commas, such as "id=Affiliate ID,email=E-mail"');
  return Object.fromEntries(pairs as [string, string][]);
}

async function main() {
  const { values } = parseArgs({
    options: { preset: { type: "string" }, file: { type: "string" }, program: { type: "string" }, offer: { type: "string" }, "dry-run": { type: "boolean" }, map: { type: "string" }, "batch-size": { type: "string" } },
  });
  if (!values.preset || !isPresetName(values.preset)) throw new DomainError("BAD_REQUEST", `--preset must be one of: ${PRESET_NAMES.join(", ")}`);
  if (!values.file || !fs.existsSync(values.file)) throw new DomainError("BAD_REQUEST", "--file must name a CSV file that exists");
  const batchSize = values["batch-size"] ? Number(values["batch-size"]) : undefined;
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 10_000)) throw new DomainError("BAD_REQUEST", "--batch-size must be a whole number from 1 to 10000");
  const handle = await openDb({ url: process.env.DATABASE_URL || undefined, dataDir: path.resolve(process.env.DATA_DIR || "./data", "pglite") });
  try {
    await migrateDb(handle);
    const dryRun = values["dry-run"] ?? false;
    const outcome = await runImport(handle.db, {
      preset: values.preset,
      fileName: path.basename(values.file),
      csv: fs.createReadStream(values.file),
      programId: values.program,
      offerId: values.offer,
      dryRun,
      mapping: parseMap(values.map),
      batchSize,
      onError: (e) => console.log(`row ${e.row}${e.column ? `, column ${e.column}` : ""}: ${e.reason}`),
      onProgress: (p) => process.stderr.write(`\r${p.rowsRead} rows read`),
    });
    process.stderr.write("\n");
    console.log(`${dryRun ? "Dry run (nothing written)" : `Import ${outcome.importId}`}: ${outcome.kind} file of ${values.preset}, ${outcome.rowsRead} rows read`);
    for (const [entity, c] of Object.entries(outcome.report.entities)) console.log(`  ${entity}: ${c.created} created, ${c.updated} updated, ${c.skipped} skipped, ${c.refused} refused`);
    for (const b of outcome.report.balances) console.log(`  balances ${b.currency}: file ${b.fileTotal}, imported ${b.imported} (minor units)${b.fileTotal === b.imported ? "" : "  MISMATCH"}`);
    console.log(summaryLine(outcome));
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
