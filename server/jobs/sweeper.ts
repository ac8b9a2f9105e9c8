import type { Db } from "@/db/client";
import { refreshModelFits } from "@/server/attribution/fit-model";
import { config } from "@/server/config";
import { moneyScheduleSteps } from "./functions/money-schedule";
import { scanClicksSteps } from "./functions/scan-clicks";
import { forwardToInngest, kickLocalRunner } from "./outbox";
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
  return () => {
    clearInterval(timer);
    if (fits) clearInterval(fits);
    if (money) clearInterval(money);
    if (clickScan) clearInterval(clickScan);
  };
}
