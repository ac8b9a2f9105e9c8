import type { Db } from "@/db/client";
import { config } from "@/server/config";
import { forwardToInngest } from "@/server/outbox/dispatch";
import { runRollups } from "@/server/reports/run-rollups";
import { jobs } from "./functions";
import { kickLocalRunner } from "./outbox";
import { startSchedule } from "./schedule";

/** Started once per server process: retries delivery of anything the request path could not finish. */
export function startSweeper(db: Db): () => void {
  const inngestMode = config().jobs === "inngest";
  const timer = setInterval(
    () => {
      if (inngestMode) forwardToInngest(db).catch((err) => console.error("[jobs] Inngest unreachable, will retry:", err instanceof Error ? err.message : err));
      else void kickLocalRunner(db);
    },
    inngestMode ? 30_000 : 2_000,
  );
  timer.unref();
  // Without Inngest, the jobs' cron schedules run here, read from the same definitions Inngest serves.
  const stopSchedule = inngestMode ? null : startSchedule(db, jobs);
  // ... and the report rollups every second (in every mode: reports must lag clicks by seconds, not a cron period).
  let folding = false;
  const rollups = setInterval(() => {
    if (folding) return;
    folding = true;
    runRollups(db)
      .catch((err) => console.error("[reports] rollup pass failed:", err instanceof Error ? err.message : err))
      .finally(() => {
        folding = false;
      });
  }, 1_000);
  rollups.unref();
  return () => {
    clearInterval(rollups);
    clearInterval(timer);
    stopSchedule?.();
  };
}
