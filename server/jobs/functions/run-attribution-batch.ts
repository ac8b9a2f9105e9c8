import type { Db } from "@/db/client";
import { executeRun } from "@/server/attribution/runs";
import { attributionRunRequested } from "@/server/outbox/events";
import { defineJob } from "../define-job";
import type { StepRunner } from "../step";

/** A simulation or re-attribution over a date range. Re-running a finished run changes nothing. */
export async function runAttributionBatchSteps(db: Db, step: StepRunner, data: { runId: string }) {
  return step.run("execute", () => executeRun(db, data.runId));
}

export const runAttributionBatch = defineJob({
  id: "run-attribution-batch",
  event: attributionRunRequested,
  retries: 2,
  concurrency: { limit: 1 },
  run: ({ db, step, data }) => runAttributionBatchSteps(db, step, data),
});
