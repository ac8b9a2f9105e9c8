import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboxEvents } from "@/db/schema";
import { executeRun } from "@/server/attribution/runs";
import { getDb } from "@/server/db";
import { inngest } from "@/server/outbox/client";
import { attributionRunRequested } from "@/server/outbox/events";
import type { StepRunner } from "../step";

/** A simulation or re-attribution over a date range. Re-running a finished run changes nothing. */
export async function runAttributionBatchSteps(db: Db, step: StepRunner, data: { runId: string }, outboxId?: string) {
  const outcome = await step.run("execute", () => executeRun(db, data.runId));
  if (outboxId) {
    await step.run("mark-processed", async () => {
      await db.update(outboxEvents).set({ processedAt: new Date(), lockedUntil: null }).where(eq(outboxEvents.id, outboxId));
    });
  }
  return outcome;
}

export const runAttributionBatch = inngest.createFunction(
  { id: "run-attribution-batch", triggers: [attributionRunRequested], retries: 2, concurrency: { limit: 1 } },
  async ({ event, step }) => runAttributionBatchSteps(await getDb(), step, event.data, event.id),
);
