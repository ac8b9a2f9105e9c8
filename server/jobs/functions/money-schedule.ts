import type { Db } from "@/db/client";
import { autoApproveDue } from "@/server/commissions/auto-approve";
import { settleLastMonth } from "@/server/commissions/settle-ngr";
import { createScheduledBatches } from "@/server/payouts/scheduled-batches";
import { defineJob } from "../define-job";
import type { StepRunner } from "../step";

/**
 * Hourly money housekeeping, each step idempotent: approve commissions whose hold ended (offers that
 * auto-approve), settle last month's NGR revenue share, and make the scheduled payout batches once their day
 * has come. Running it twice in an hour changes nothing the first run did not.
 */
export async function moneyScheduleSteps(db: Db, step: StepRunner, now = new Date()) {
  const approved = await step.run("auto-approve", () => autoApproveDue(db, now));
  const settled = await step.run("settle-ngr", async () => ({ settlements: await settleLastMonth(db, now) }));
  const batches = await step.run("scheduled-payouts", async () => ({ batches: (await createScheduledBatches(db, now)).map((b) => b.batchId) }));
  return { ...approved, ...settled, ...batches };
}

export const moneySchedule = defineJob({
  id: "money-schedule",
  cron: "TZ=UTC 5 * * * *",
  run: ({ db, step }) => moneyScheduleSteps(db, step),
});
