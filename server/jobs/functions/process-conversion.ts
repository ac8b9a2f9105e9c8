import type { Db } from "@/db/client";
import { attributeConversion } from "@/server/attribution/attribute-batch";
import { accrueCommission } from "@/server/commissions/conversion-commission";
import { checkConversion } from "@/server/fraud/check-conversion";
import { queuePartnerPostbacks } from "@/server/partner-postbacks/schedule-deliveries";
import { emitConversionRecorded } from "@/server/webhooks/conversion-recorded";
import { conversionRecorded } from "@/server/outbox/events";
import { defineJob } from "../define-job";
import type { StepRunner } from "../step";

/** Attribute a recorded conversion, check it for fraud, accrue its commission, and queue the partner's own
 * postbacks and the operator's conversion.recorded webhook. The fraud check runs before accrual, so a rejected conversion never accrues and a held one accrues
 * a commission that cannot be approved. Step ids are stable; every step is idempotent. */
export async function processConversionSteps(db: Db, step: StepRunner, data: { conversionId: string }) {
  const attribution = await step.run("attribute", () => attributeConversion(db, data.conversionId));
  const fraud = await step.run("fraud-check", () => checkConversion(db, data.conversionId));
  const accrual = await step.run("accrue-commission", () => accrueCommission(db, data.conversionId));
  await step.run("queue-partner-postbacks", () => queuePartnerPostbacks(db, data.conversionId));
  await step.run("queue-webhooks", () => emitConversionRecorded(db, data.conversionId));
  return { attribution, fraud, accrual };
}

export const processConversion = defineJob({
  id: "process-conversion",
  event: conversionRecorded,
  retries: 10,
  run: ({ db, step, data }) => processConversionSteps(db, step, data),
});
