import { z } from "zod";
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES } from "@/db/schema/values";
import { config } from "@/server/config";
import { outboundUrl } from "@/server/net/outbound-url";
import { isCleanText } from "@/server/text";

/** The receiver's URL (see outboundUrl); OUTBOUND_ALLOW_PRIVATE lets a private range in. */
export const webhookUrl = outboundUrl(
  { empty: "Enter the endpoint's URL", credentials: "Put credentials in a parameter or header, not before the host", privateNetwork: "This address is on a private network; webhooks go only to public addresses" },
  () => config().outboundAllowPrivate,
);

const endpointId = z.string().min(1).max(64);

export const saveEndpointInput = z.object({
  url: webhookUrl,
  description: z.string().trim().max(200, "Keep the description under 200 characters").refine((v) => isCleanText(v), "The description contains control characters").default(""),
  /** Empty: every event type. */
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, "Pick events from the list"))
    .max(WEBHOOK_EVENT_TYPES.length)
    .default([])
    .transform((v) => [...new Set(v)]),
});
export type SaveEndpointInput = z.infer<typeof saveEndpointInput>;

export const updateEndpointInput = saveEndpointInput.extend({ endpointId });
export const endpointRef = z.object({ endpointId });
export const setEnabledInput = z.object({ endpointId, enabled: z.boolean() });
export const deliveryRef = z.object({ deliveryId: z.string().min(1).max(64) });
export const listDeliveriesInput = z.object({
  endpointId,
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  limit: z.number().int().min(1).max(100).default(25),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});
