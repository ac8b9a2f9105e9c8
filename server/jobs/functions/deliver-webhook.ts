import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboxEvents } from "@/db/schema";
import { getDb } from "@/server/db";
import { deliverWebhook } from "@/server/webhooks/deliver-webhook";
import { inngest } from "@/server/outbox/client";
import { webhookDue } from "@/server/outbox/events";
import type { StepRunner } from "../step";

/** One attempt of an operator webhook. The 3-day schedule is the domain's (each retry is a new event), so
 * Inngest's own retries only cover a crash in the middle of an attempt. */
export async function deliverWebhookSteps(db: Db, step: StepRunner, data: { deliveryId: string; attempt: number }, outboxId?: string) {
  const outcome = await step.run("deliver", () => deliverWebhook(db, data));
  if (outboxId) {
    await step.run("mark-processed", async () => {
      await db.update(outboxEvents).set({ processedAt: new Date(), lockedUntil: null }).where(eq(outboxEvents.id, outboxId));
    });
  }
  return outcome;
}

export const deliverWebhookFunction = inngest.createFunction(
  { id: "deliver-webhook", triggers: [webhookDue], retries: 3 },
  async ({ event, step }) => deliverWebhookSteps(await getDb(), step, event.data, event.id),
);
