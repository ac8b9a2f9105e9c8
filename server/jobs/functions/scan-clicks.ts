import type { Db } from "@/db/client";
import { scanClicks } from "@/server/fraud/scan-clicks";
import { clickScanRequested } from "@/server/outbox/events";
import { yieldToTraffic } from "../give-way";
import { defineJob } from "../define-job";
import type { StepRunner } from "../step";

/**
 * The click sweep as one step: it keeps its own cursor, so a retry or an overlapping trigger repeats nothing.
 * It runs in the app's process, so it gives way to a burst of clicks as the outbox runner does (for at most
 * 30 s before each batch): the redirect keeps the CPU while the traffic lasts.
 */
export async function scanClicksSteps(db: Db, step: StepRunner, now = new Date()) {
  return step.run("scan-clicks", () => scanClicks(db, { now, pause: yieldToTraffic }));
}

export const scanClicksJob = defineJob({
  id: "fraud-scan-clicks",
  event: clickScanRequested,
  cron: "TZ=UTC * * * * *",
  // One sweep at a time: two would read the same batch (harmless, but wasted work).
  concurrency: { limit: 1 },
  run: ({ db, step }) => scanClicksSteps(db, step),
});
