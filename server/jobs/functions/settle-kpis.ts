import type { Db } from "@/db/client";
import { settleDueKpis } from "@/server/commissions/settle-kpi";
import { getDb } from "@/server/db";
import { inngest } from "@/server/outbox/client";
import type { StepRunner } from "../step";

/**
 * Hourly: settles every KPI month whose window has closed (the month, plus the repeat-deposit days), once per
 * partner and plan version. Running it again settles nothing twice.
 */
export async function settleKpisSteps(db: Db, step: StepRunner, now = new Date()) {
  return (await step.run("settle-kpis", () => settleDueKpis(db, now))) as { settled: number; paid: number };
}

export const settleKpis = inngest.createFunction(
  { id: "settle-kpis", triggers: [{ cron: "TZ=UTC 35 * * * *" }], concurrency: { limit: 1 } },
  async ({ step }) => settleKpisSteps(await getDb(), step),
);
