import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboxEvents } from "@/db/schema";
import { attributeConversion } from "@/server/attribution/attribute-batch";
import { accrueCommission } from "@/server/commissions/conversion-commission";
import { getDb } from "@/server/db";
import { checkConversion } from "@/server/fraud/check-conversion";
import { queuePartnerPostbacks } from "@/server/partner-postbacks/schedule-deliveries";
import { emitConversionRecorded } from "@/server/webhooks/conversion-recorded";
import { inngest } from "@/server/outbox/client";
import { conversionRecorded } from "@/server/outbox/events";
import type { StepRunner } from "../step";

/** Attribute a recorded conversion, check it for fraud, accrue its commission, and queue the partner's own
 * postbacks and the operator's conversion.recorded webhook. The fraud check runs before accrual, so a rejected conversion never accrues and a held one accrues
 * a commission that cannot be approved. Step ids are stable; every step is idempotent. */
export async function processConversionSteps(db: Db, step: StepRunner, data: { conversionId: string }, outboxId?: string) {
  const attribution = await step.run("attribute", () => attributeConversion(db, data.conversionId));
  const fraud = await step.run("fraud-check", () => checkConversion(db, data.conversionId));
  const accrual = await step.run("accrue-commission", () => accrueCommission(db, data.conversionId));
  await step.run("queue-partner-postbacks", () => queuePartnerPostbacks(db, data.conversionId));
  await step.run("queue-webhooks", () => emitConversionRecorded(db, data.conversionId));
  if (outboxId) {
    await step.run("mark-processed", async () => {
      await db.update(outboxEvents).set({ processedAt: new Date(), lockedUntil: null }).where(eq(outboxEvents.id, outboxId));
    });
  }
  return { attribution, fraud, accrual };
}

export const processConversion = inngest.createFunction(
  { id: "process-conversion", triggers: [conversionRecorded], retries: 10 },
  async ({ event, step }) => processConversionSteps(await getDb(), step, event.data, event.id),
);
