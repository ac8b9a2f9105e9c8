/**
 * The simulator phase of `npm run bench:attribution` alone, against a database kept with BENCH_KEEP_DB=1:
 * seconds per run, without seeding and attributing again.
 *   BENCH_DB=touchpoint_bench_<hex> npx tsx scripts/bench/simulate-kept.ts
 * Env: BENCH_DB (required), BENCH_RUNS (3), BENCH_TO (ISO end of the 30-day range; default now: fix it to
 * compare results between runs of different code). Prints a digest of each result (tookMs left out), so
 * that a change to the simulator can be shown to give the same result.
 */
import { createHash } from "node:crypto";
import { openDb } from "@/db/client";
import { programs, type StoredModel } from "@/db/schema";
import { simulate } from "@/server/attribution/simulate";
import { pinSelf } from "./procs";

const ADMIN_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB = process.env.BENCH_DB;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DAY_MS = 86_400_000;

// The same models as scripts/bench/attribution.ts.
const MODELS: StoredModel[] = [
  { model: "last_click" },
  { model: "first_click" },
  { model: "linear" },
  { model: "time_decay", halfLifeDays: 7 },
  { model: "position_based", firstShare: 0.4, lastShare: 0.4 },
  { model: "data_driven" },
];

async function main() {
  if (!DB) throw new Error("BENCH_DB=<name of a database kept by BENCH_KEEP_DB=1> is required");
  pinSelf(0);
  const handle = await openDb({ url: ADMIN_URL.replace(/\/[^/]*$/, `/${DB}`), dataDir: "unused", max: 4 });
  try {
    const [program] = await handle.db.select({ id: programs.id }).from(programs).limit(1);
    if (!program) throw new Error(`${DB} has no program`);
    const to = process.env.BENCH_TO ? new Date(process.env.BENCH_TO) : new Date();
    const from = new Date(to.getTime() - 30 * DAY_MS);
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const result = await simulate(handle.db, { programId: program.id, from, to, models: MODELS });
      const s = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      times.push(s);
      // Credits are float sums whose last bits follow the order rows arrive in; amounts are exact integers.
      const json = JSON.stringify({ ...result, tookMs: 0 }, (_, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? v.toFixed(6) : v));
      const digest = createHash("sha256").update(json).digest("hex").slice(0, 16);
      // CPU seconds of this process: less disturbed than wall time by whatever else the machine runs.
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      console.log(`run ${run + 1}: ${s.toFixed(2)} s (${cpuSeconds.toFixed(2)} s CPU here), ${result.conversions} conversions, result ${digest}`);
    }
    console.log(`simulator over ${to.toISOString()}: ${times.map((t) => t.toFixed(2)).join(" ")} s (min ${Math.min(...times).toFixed(2)})`);
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
