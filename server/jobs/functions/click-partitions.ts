import { dropExpiredClickPartitions, ensureClickPartitions } from "@/db/click-partitions";
import type { Db } from "@/db/client";
import { config } from "@/server/config";
import { defineJob } from "../define-job";
import type { StepRunner } from "../step";

/**
 * Daily click partition housekeeping: make the coming months' partitions, then (when CLICK_RETENTION_MONTHS is
 * set) drop the months of raw clicks past it. Both steps are idempotent; the report rollups keep old months' counts.
 */
export async function clickPartitionsSteps(db: Db, step: StepRunner, now = new Date(), retentionMonths = config().clickRetentionMonths) {
  const created = await step.run("create-ahead", () => ensureClickPartitions(db, now));
  if (retentionMonths === undefined) return { created, dropped: [] as string[] };
  const { dropped } = await step.run("drop-expired", async () => {
    const r = await dropExpiredClickPartitions(db, retentionMonths, now);
    return { dropped: r.dropped, kept: r.kept, defaultRowsDeleted: r.defaultRowsDeleted };
  });
  return { created, dropped };
}

export const clickPartitions = defineJob({
  id: "click-partitions",
  cron: "TZ=UTC 17 3 * * *",
  concurrency: { limit: 1 },
  run: ({ db, step }) => clickPartitionsSteps(db, step),
});
