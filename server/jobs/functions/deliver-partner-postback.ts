import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboxEvents } from "@/db/schema";
import { getDb } from "@/server/db";
import { deliverPostback } from "@/server/partner-postbacks/deliver-postback";
import { inngest } from "@/server/outbox/client";
import { partnerPostbackDue } from "@/server/outbox/events";
import type { StepRunner } from "../step";

/** One delivery attempt. Retries are scheduled as new attempts by the domain code (3 days of backoff),
 * so Inngest's own retries only cover a crash in the middle of an attempt. */
export async function deliverPartnerPostbackSteps(db: Db, step: StepRunner, data: { deliveryId: string }, outboxId?: string) {
  const outcome = await step.run("deliver", () => deliverPostback(db, data.deliveryId));
  if (outboxId) {
    await step.run("mark-processed", async () => {
      await db.update(outboxEvents).set({ processedAt: new Date(), lockedUntil: null }).where(eq(outboxEvents.id, outboxId));
    });
  }
  return outcome;
}

export const deliverPartnerPostback = inngest.createFunction(
  { id: "deliver-partner-postback", triggers: [partnerPostbackDue], retries: 3 },
  async ({ event, step }) => deliverPartnerPostbackSteps(await getDb(), step, event.data, event.id),
);
