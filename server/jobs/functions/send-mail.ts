import type { Db } from "@/db/client";
import { getDb } from "@/server/db";
import { deliverMail } from "@/server/mail/deliver-mail";
import { inngest } from "@/server/outbox/client";
import { mailQueued } from "@/server/outbox/events";
import type { StepRunner } from "../step";

/** One delivery of a queued message; a failure is retried (outbox backoff locally, Inngest's retries otherwise). */
export async function sendMailSteps(db: Db, step: StepRunner, data: { messageId: string }) {
  return step.run("deliver", () => deliverMail(db, data.messageId));
}

export const sendMail = inngest.createFunction({ id: "send-mail", triggers: [mailQueued], retries: 10 }, async ({ event, step }) => sendMailSteps(await getDb(), step, event.data));
