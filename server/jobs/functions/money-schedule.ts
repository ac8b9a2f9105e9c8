import type { Db } from "@/db/client";
import { autoApproveDue } from "@/server/commissions/auto-approve";
import { settleLastMonth } from "@/server/commissions/settle-ngr";
import { getDb } from "@/server/db";
import { createScheduledBatches } from "@/server/payouts/scheduled-batches";
import { inngest } from "@/server/outbox/client";
import type { StepRunner } from "../step";

/**
 * Hourly money housekeeping, each step idempotent: approve commissions whose hold ended (offers that
 * auto-approve), settle last month's NGR revenue share, and make the scheduled payout batches once their day
 * has come. Running it twice in an hour changes nothing the first run did not.
 */
export async function moneyScheduleSteps(db: Db, step: StepRunner, now = new Date()) {
  const approved = (await step.run("auto-approve", () => autoApproveDue(db, now))) as { approved: number };
  const settled = (await step.run("settle-ngr", async () => ({ settlements: await settleLastMonth(db, now) }))) as { settlements: number };
  const batches = (await step.run("scheduled-payouts", async () => ({ batches: (await createScheduledBatches(db, now)).map((b) => b.batchId) }))) as { batches: string[] };
  return { ...approved, ...settled, ...batches };
}

export const moneySchedule = inngest.createFunction(
  { id: "money-schedule", triggers: [{ cron: "TZ=UTC 5 * * * *" }] },
  async ({ step }) => moneyScheduleSteps(await getDb(), step),
);
