/**
 * `npm run bench:import`: how fast does the importer move a program here, in how much memory, and does a second
 * run of the same files change nothing?
 *
 * A throwaway PostgreSQL database (dropped at the end, also on failure or Ctrl-C) gets one program and offer.
 * Two generic-preset CSV files are written to a temporary folder, streamed: BENCH_PARTNERS partners (every tenth
 * sponsored by an earlier one, each with an old code, a PayPal address and an opening balance) and
 * BENCH_CONVERSIONS conversions (each with a customer and a commission). Both are imported through runImport, as
 * `npm run import` does, timed; then both are imported again and the tables' row counts compared.
 * Targets: >= 5,000 rows/s over both files, peak RSS < 300 MB.
 * Env: BENCH_PARTNERS (100000), BENCH_CONVERSIONS (1000000), BENCH_BATCH (1000), BENCH_CONCURRENCY (2, batches
 * written at once, as the importer's default), BENCH_KEEP_DB=1.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { sql } from "drizzle-orm";
import { migrateDb, openDb, rowsOf, type DbHandle } from "@/db/client";
import { runImport, summaryLine, type ImportOutcome } from "@/server/imports/run-import";
import { createBenchDb, dropOnExit, seconds, verdict, type BenchDb } from "./seed";

const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 100_000);
const CONVERSIONS = Number(process.env.BENCH_CONVERSIONS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const TABLES = ["users", "partners", "links", "ledger_entries", "partner_sponsors", "partner_payout_details", "conversions", "commissions", "customer_bindings", "import_rows"];

let benchDb: BenchDb | undefined;
let handle: DbHandle | undefined;
const cleanup = dropOnExit(() => ({ db: benchDb, handle }));

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
sampler.unref();
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

async function writeCsv(file: string, header: string, rows: number, line: (i: number) => string) {
  const out = fs.createWriteStream(file);
  out.write(`${header}\n`);
  for (let i = 0; i < rows; i++) if (!out.write(`${line(i)}\n`)) await once(out, "drain");
  out.end();
  await once(out, "finish");
}

async function counts(h: DbHandle) {
  const rows = rowsOf<Record<string, string>>(await h.db.execute(sql.raw(`select ${TABLES.map((t) => `(select count(*) from ${t})::text as ${t}`).join(", ")}`)));
  return rows[0]!;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "touchpoint-bench-import-"));
  const partnersFile = path.join(dir, "partners.csv");
  const conversionsFile = path.join(dir, "conversions.csv");
  let t0 = performance.now();
  await writeCsv(partnersFile, "id,email,name,code,parent_id,paypal_email,balance,currency,created_at", PARTNERS, (i) => {
    const parent = i % 10 === 9 ? String(Math.floor(i / 2)) : "";
    return `${i},p${i}@bench.example,Partner ${i},old-${i},${parent},p${i}@bench.example,${(i % 500) + 1}.25,USD,2023-01-01 00:00:00`;
  });
  await writeCsv(conversionsFile, "id,partner_id,customer_id,event,amount,commission,currency,occurred_at", CONVERSIONS, (i) => {
    const day = String((i % 28) + 1).padStart(2, "0");
    return `c${i},${i % PARTNERS},cust-${i % (CONVERSIONS / 4)},sale,${(i % 300) + 10}.00,${(i % 30) + 1}.50,USD,2024-03-${day} 12:00:00`;
  });
  console.log(`batches of ${BATCH} rows, ${CONCURRENCY} at once`);
  console.log(`files: ${PARTNERS} partners, ${CONVERSIONS} conversions written in ${seconds(t0).toFixed(1)} s (${dir})`);

  benchDb = await createBenchDb();
  handle = await openDb({ url: benchDb.url, dataDir: "unused", max: CONCURRENCY + 2 });
  await migrateDb(handle);
  await handle.db.execute(sql`insert into programs (id, name, default_currency, postback_token, postback_token_hash) values ('prg_bench', 'Bench', 'USD', 'bench-token', 'bench-hash')`);
  await handle.db.execute(sql`insert into offers (id, program_id, name, landing_url, currency) values ('ofr_bench', 'prg_bench', 'Main', 'https://lp.example.com/?c={click_id}', 'USD')`);

  const run = async (file: string, label: string): Promise<ImportOutcome & { s: number }> => {
    const start = performance.now();
    const o = await runImport(handle!.db, { preset: "generic", fileName: path.basename(file), csv: fs.createReadStream(file), programId: "prg_bench", batchSize: BATCH, concurrency: CONCURRENCY });
    const s = seconds(start);
    console.log(`${label}: ${o.rowsRead} rows in ${s.toFixed(1)} s = ${Math.round(o.rowsRead / s)} rows/s; ${summaryLine(o)}`);
    return { ...o, s };
  };

  peakRss = process.memoryUsage().rss;
  console.log(`RSS before the import (runtime, drivers, schema loaded): ${mb(peakRss)} MB`);
  t0 = performance.now();
  const p1 = await run(partnersFile, "partners, first run");
  const c1 = await run(conversionsFile, "conversions, first run");
  const total = seconds(t0);
  const rate = (p1.rowsRead + c1.rowsRead) / total;
  const firstPeak = peakRss;
  const before = await counts(handle);
  console.log(`first run: ${p1.rowsRead + c1.rowsRead} rows in ${total.toFixed(1)} s = ${Math.round(rate)} rows/s (target >= 5000: ${verdict(rate >= 5000)}); peak RSS ${mb(firstPeak)} MB (target < 300: ${verdict(firstPeak < 300 * 1024 * 1024)})`);
  console.log(`balances: ${p1.report.balances.map((b) => `${b.currency} file ${b.fileTotal} imported ${b.imported}`).join("; ")}`);

  t0 = performance.now();
  const p2 = await run(partnersFile, "partners, second run");
  const c2 = await run(conversionsFile, "conversions, second run");
  const after = await counts(handle);
  const changed = TABLES.filter((t) => before[t] !== after[t]);
  const unchanged = changed.length === 0 && p2.ok === 0 && c2.ok === 0;
  console.log(`second run: ${p2.rowsRead + c2.rowsRead} rows in ${seconds(t0).toFixed(1)} s, ${p2.ok + c2.ok} written, ${p2.skipped + c2.skipped} skipped; tables ${changed.length ? `CHANGED: ${changed.join(", ")}` : "unchanged"} (${TABLES.map((t) => `${t} ${after[t]}`).join(", ")}): ${verdict(unchanged)}`);
  console.log(`peak RSS over both runs: ${mb(peakRss)} MB`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
