import type { Db } from "@/db/client";
import { deliverWebhook } from "@/server/webhooks/deliver-webhook";
import { webhookDue } from "@/server/outbox/events";
import { defineJob } from "../define-job";
import type { StepRunner } from "../step";

/** One attempt of an operator webhook. The 3-day schedule is the domain's (each retry is a new event), so
 * Inngest's own retries only cover a crash in the middle of an attempt. */
export async function deliverWebhookSteps(db: Db, step: StepRunner, data: { deliveryId: string; attempt: number }) {
  return step.run("deliver", () => deliverWebhook(db, data));
}

export const deliverWebhookJob = defineJob({
  id: "deliver-webhook",
  event: webhookDue,
  retries: 3,
  run: ({ db, step, data }) => deliverWebhookSteps(db, step, data),
});
