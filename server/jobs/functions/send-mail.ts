import type { Db } from "@/db/client";
import { deliverMail } from "@/server/mail/deliver-mail";
import { mailQueued } from "@/server/outbox/events";
import { defineJob } from "../define-job";
import type { StepRunner } from "../step";

/** One delivery of a queued message; a failure is retried (outbox backoff locally, Inngest's retries otherwise). */
export async function sendMailSteps(db: Db, step: StepRunner, data: { messageId: string }) {
  return step.run("deliver", () => deliverMail(db, data.messageId));
}

export const sendMail = defineJob({
  id: "send-mail",
  event: mailQueued,
  retries: 10,
  run: ({ db, step, data }) => sendMailSteps(db, step, data),
});
