import { clickPartitions } from "./click-partitions";
import { documentHousekeeping } from "./document-housekeeping";
import { deliverPartnerPostback, deliverPartnerPostbackSteps } from "./deliver-partner-postback";
import { fitAttributionModels } from "./fit-attribution-models";
import { moneySchedule } from "./money-schedule";
import { processConversion, processConversionSteps } from "./process-conversion";
import { runAttributionBatch, runAttributionBatchSteps } from "./run-attribution-batch";
import { scanClicksFunction, scanClicksSteps } from "./scan-clicks";
import { deliverWebhookFunction, deliverWebhookSteps } from "./deliver-webhook";
import { sendMail, sendMailSteps } from "./send-mail";
import { settleKpis } from "./settle-kpis";
import type { Db } from "@/db/client";
import type { StepRunner } from "../step";

/** Served at /api/inngest. */
export const functions = [processConversion, deliverPartnerPostback, fitAttributionModels, runAttributionBatch, moneySchedule, scanClicksFunction, sendMail, clickPartitions, settleKpis, deliverWebhookFunction, documentHousekeeping];

type LocalHandler = (db: Db, step: StepRunner, data: Record<string, unknown>, eventId: string) => Promise<unknown>;

/** The same work, by event name, for the in-process runner, on the database the runner drains. */
export const localHandlers: Record<string, LocalHandler> = {
  "conversion/recorded": (db, step, data, id) => processConversionSteps(db, step, { conversionId: String(data.conversionId) }, id),
  "attribution/run": (db, step, data, id) => runAttributionBatchSteps(db, step, { runId: String(data.runId) }, id),
  "partner-postback/deliver": (db, step, data, id) => deliverPartnerPostbackSteps(db, step, { deliveryId: String(data.deliveryId) }, id),
  "fraud/scan-clicks": (db, step) => scanClicksSteps(db, step),
  "mail/send": (db, step, data) => sendMailSteps(db, step, { messageId: String(data.messageId) }),
  "webhook/deliver": (db, step, data, id) => deliverWebhookSteps(db, step, { deliveryId: String(data.deliveryId), attempt: Number(data.attempt) }, id),
};
