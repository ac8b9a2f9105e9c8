import type { Db } from "@/db/client";
import { refreshModelFits } from "@/server/attribution/fit-model";
import { config } from "@/server/config";
import { runRollups } from "@/server/reports/run-rollups";
import { clickPartitionsSteps } from "./functions/click-partitions";
import { documentHousekeepingSteps } from "./functions/document-housekeeping";
import { moneyScheduleSteps } from "./functions/money-schedule";
import { scanClicksSteps } from "./functions/scan-clicks";
import { settleKpisSteps } from "./functions/settle-kpis";
import { forwardToInngest } from "@/server/outbox/dispatch";
import { kickLocalRunner } from "./outbox";
import { immediateSteps } from "./step";

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
  // Without Inngest's cron, the hourly check refits data-driven weights once they are a day old.
  const fits = inngestMode
    ? null
    : setInterval(() => refreshModelFits(db).catch((err) => console.error("[jobs] attribution model fit failed:", err instanceof Error ? err.message : err)), 3_600_000);
  fits?.unref();
  // ... and the hourly money housekeeping (auto-approval, NGR settlement, scheduled payout batches).
  const money = inngestMode ? null : setInterval(() => moneyScheduleSteps(db, immediateSteps).catch((err) => console.error("[jobs] money schedule failed:", err instanceof Error ? err.message : err)), 3_600_000);
  money?.unref();
  // ... and the KPI months whose window has closed (Inngest: the hourly settle-kpis cron).
  const kpis = inngestMode ? null : setInterval(() => settleKpisSteps(db, immediateSteps).catch((err) => console.error("[jobs] KPI settlement failed:", err instanceof Error ? err.message : err)), 3_600_000);
  kpis?.unref();
  // ... and the click partitions: months made ahead, months past CLICK_RETENTION_MONTHS dropped (Inngest: daily cron).
  const partitions = inngestMode
    ? null
    : setInterval(() => clickPartitionsSteps(db, immediateSteps).catch((err) => console.error("[jobs] click partitions failed:", err instanceof Error ? err.message : err)), 6 * 3_600_000);
  partitions?.unref();
  // ... and the partner documents: expiry reminders and the retention purge (Inngest: daily cron).
  const documents = inngestMode
    ? null
    : setInterval(() => documentHousekeepingSteps(db, immediateSteps).catch((err) => console.error("[jobs] document housekeeping failed:", err instanceof Error ? err.message : err)), 6 * 3_600_000);
  documents?.unref();
  // ... and the click sweep every minute, never two at once.
  let scanning = false;
  const clickScan = inngestMode
    ? null
    : setInterval(() => {
        if (scanning) return;
        scanning = true;
        scanClicksSteps(db, immediateSteps)
          .catch((err) => console.error("[jobs] click sweep failed:", err instanceof Error ? err.message : err))
          .finally(() => {
            scanning = false;
          });
      }, 60_000);
  clickScan?.unref();
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
    if (fits) clearInterval(fits);
    if (money) clearInterval(money);
    if (kpis) clearInterval(kpis);
    if (partitions) clearInterval(partitions);
    if (documents) clearInterval(documents);
    if (clickScan) clearInterval(clickScan);
  };
}
