import type { Job } from "../define-job";
import { clickPartitions } from "./click-partitions";
import { deliverPartnerPostback } from "./deliver-partner-postback";
import { deliverWebhookJob } from "./deliver-webhook";
import { documentHousekeeping } from "./document-housekeeping";
import { fitAttributionModels } from "./fit-attribution-models";
import { moneySchedule } from "./money-schedule";
import { processConversion } from "./process-conversion";
import { runAttributionBatch } from "./run-attribution-batch";
import { scanClicksJob } from "./scan-clicks";
import { sendMail } from "./send-mail";
import { settleKpis } from "./settle-kpis";

/** Every job, each defined once. */
export const jobs: readonly Job[] = [processConversion, deliverPartnerPostback, fitAttributionModels, runAttributionBatch, moneySchedule, scanClicksJob, sendMail, clickPartitions, settleKpis, deliverWebhookJob, documentHousekeeping];

/** Served at /api/inngest. */
export const functions = jobs.map((j) => j.function);

/** The in-process runner's jobs by triggering event name (tests add their own). */
export const jobsByEvent: Record<string, Job> = Object.fromEntries(jobs.filter((j) => j.event).map((j) => [j.event!, j]));
