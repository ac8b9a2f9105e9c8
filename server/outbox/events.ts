import { eventType } from "inngest";
import { z } from "zod";

/** Every background event, typed once. Producers create events with `.create()`, functions trigger on them. */
export const conversionRecorded = eventType("conversion/recorded", {
  schema: z.object({ conversionId: z.string() }),
});

/** One scheduled attempt to deliver a conversion to a partner's own tracker. */
export const partnerPostbackDue = eventType("partner-postback/deliver", {
  schema: z.object({ deliveryId: z.string() }),
});

/** A batch over a date range: a simulation or a re-attribution (its row in attribution_runs holds the input). */
export const attributionRunRequested = eventType("attribution/run", {
  schema: z.object({ runId: z.string() }),
});

/** Run the click sweep now (it also runs every minute on its own): e.g. after importing clicks. */
export const clickScanRequested = eventType("fraud/scan-clicks", {
  schema: z.object({}),
});

/** A message in mail_messages waiting to be sent. */
export const mailQueued = eventType("mail/send", {
  schema: z.object({ messageId: z.string() }),
});

/** One scheduled attempt (`attempt`, counted from 1) to send an operator webhook message to its endpoint. */
export const webhookDue = eventType("webhook/deliver", {
  schema: z.object({ deliveryId: z.string(), attempt: z.number().int().min(1) }),
});
