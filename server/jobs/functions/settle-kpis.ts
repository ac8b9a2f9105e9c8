import type { Db } from "@/db/client";
import { settleDueKpis } from "@/server/commissions/settle-kpi";
import { defineJob } from "../define-job";
import type { StepRunner } from "../step";

/**
 * Hourly: settles every KPI month whose window has closed (the month, plus the repeat-deposit days), once per
 * partner and plan version. Running it again settles nothing twice.
 */
export async function settleKpisSteps(db: Db, step: StepRunner, now = new Date()) {
  return step.run("settle-kpis", () => settleDueKpis(db, now));
}

export const settleKpis = defineJob({
  id: "settle-kpis",
  cron: "TZ=UTC 35 * * * *",
  concurrency: { limit: 1 },
  run: ({ db, step }) => settleKpisSteps(db, step),
});
