import { deliverPartnerPostback, deliverPartnerPostbackSteps } from "./deliver-partner-postback";
import { processConversion, processConversionSteps } from "./process-conversion";
import type { StepRunner } from "../step";

/** Served at /api/inngest. */
export const functions = [processConversion, deliverPartnerPostback];

/** The same work, by event name, for the in-process runner. */
export const localHandlers: Record<string, (step: StepRunner, data: Record<string, unknown>, eventId: string) => Promise<unknown>> = {
  "conversion/recorded": (step, data, id) => processConversionSteps(step, { conversionId: String(data.conversionId) }, id),
  "partner-postback/deliver": (step, data, id) => deliverPartnerPostbackSteps(step, { deliveryId: String(data.deliveryId) }, id),
};
