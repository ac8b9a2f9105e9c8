import type { Db } from "@/db/client";
import { deliverPostback } from "@/server/partner-postbacks/deliver-postback";
import { partnerPostbackDue } from "@/server/outbox/events";
import { defineJob } from "../define-job";
import type { StepRunner } from "../step";

/** One delivery attempt. Retries are scheduled as new attempts by the domain code (3 days of backoff),
 * so Inngest's own retries only cover a crash in the middle of an attempt. */
export async function deliverPartnerPostbackSteps(db: Db, step: StepRunner, data: { deliveryId: string }) {
  return step.run("deliver", () => deliverPostback(db, data.deliveryId));
}

export const deliverPartnerPostback = defineJob({
  id: "deliver-partner-postback",
  event: partnerPostbackDue,
  retries: 3,
  run: ({ db, step, data }) => deliverPartnerPostbackSteps(db, step, data),
});
