import type { Db } from "@/db/client";
import { getDb } from "@/server/db";
import { scanClicks } from "@/server/fraud/scan-clicks";
import { inngest } from "@/server/outbox/client";
import { clickScanRequested } from "@/server/outbox/events";
import { yieldToTraffic } from "../give-way";
import type { StepRunner } from "../step";

/**
 * The click sweep as one step: it keeps its own cursor, so a retry or an overlapping trigger repeats nothing.
 * It runs in the app's process, so it gives way to a burst of clicks as the outbox runner does (for at most
 * 30 s before each batch): the redirect keeps the CPU while the traffic lasts.
 */
export async function scanClicksSteps(db: Db, step: StepRunner, now = new Date()) {
  return (await step.run("scan-clicks", () => scanClicks(db, { now, pause: yieldToTraffic }))) as { scanned: number; flagged: number };
}

export const scanClicksFunction = inngest.createFunction(
  // One sweep at a time: two would read the same batch (harmless, but wasted work).
  { id: "fraud-scan-clicks", triggers: [{ cron: "TZ=UTC * * * * *" }, clickScanRequested], concurrency: { limit: 1 } },
  async ({ step }) => scanClicksSteps(await getDb(), step),
);
