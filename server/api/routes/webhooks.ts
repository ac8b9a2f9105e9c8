import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { WEBHOOK_EVENT_TYPES } from "@/db/schema/values";
import { createEndpoint, getEndpoint, listEndpoints, revealSecret, setEndpointEnabled } from "@/server/webhooks/manage-endpoints";
import { saveEndpointInput } from "@/server/webhooks/schemas";
import { route, type Principal } from "../define";
import { ApiError } from "../problem";
import { dateTime, entityId, iso } from "./common";

const endpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).meta({ description: "Empty: every event type." }),
    enabled: z.boolean(),
    secretTail: z.string().meta({ description: "The secret's last characters, to tell secrets apart." }),
    previousSecretExpiresAt: dateTime.nullable().meta({ description: "Until when the rotated-out secret still signs beside the new one." }),
    createdAt: dateTime,
  })
  .meta({ id: "WebhookEndpoint" });

type Row = { id: string; url: string; description: string; events: string[]; enabled: boolean; secretTail: string; previousSecretExpiresAt: Date | null; createdAt: Date };
const out = (r: Row) => ({
  id: r.id,
  url: r.url,
  description: r.description,
  events: r.events,
  enabled: r.enabled,
  secretTail: r.secretTail,
  previousSecretExpiresAt: iso(r.previousSecretExpiresAt),
  createdAt: iso(r.createdAt),
});

/** Webhooks announce facts of every program: a key limited to one program cannot see or change them. */
function allPrograms(principal: Principal) {
  if (principal.kind === "key" && principal.programId) throw new ApiError(403, "program_scoped_key", "Webhook endpoints hear every program: use a key for all programs.");
}

const read = async (db: DbOrTx, endpointId: string) => out(await getEndpoint(db, endpointId));
const idParam = z.object({ endpointId: entityId });

// The operator's receivers, as on Settings > Webhooks: the same domain functions, the same URL rules (public
// addresses only, checked again when each message is sent).
export const webhookRoutes = [
  route({
    method: "GET",
    path: "/webhook-endpoints",
    operationId: "listWebhookEndpoints",
    summary: "List webhook endpoints (never their secrets)",
    tag: "Webhooks",
    auth: "key",
    scope: "webhooks:read",
    response: z.object({ data: z.array(endpoint) }).meta({ id: "WebhookEndpointList" }),
    handle: async ({ db, principal }) => {
      allPrograms(principal);
      const rows = await listEndpoints(db);
      return { data: rows.map(out) };
    },
  }),
  route({
    method: "GET",
    path: "/webhook-endpoints/{endpointId}",
    operationId: "getWebhookEndpoint",
    summary: "Get a webhook endpoint",
    tag: "Webhooks",
    auth: "key",
    scope: "webhooks:read",
    params: idParam,
    response: endpoint,
    handle: ({ db, principal, params }) => {
      allPrograms(principal);
      return read(db, params.endpointId);
    },
  }),
  route({
    method: "POST",
    path: "/webhook-endpoints",
    operationId: "createWebhookEndpoint",
    summary: "Add a webhook endpoint; the answer holds its signing secret, once (Standard Webhooks, whsec_…)",
    tag: "Webhooks",
    auth: "key",
    scope: "webhooks:write",
    body: saveEndpointInput.meta({ id: "WebhookEndpointCreate" }),
    status: 201,
    response: endpoint.extend({ secret: z.string().meta({ description: "Verify each message's webhook-signature with it." }) }).meta({ id: "WebhookEndpointCreated" }),
    handle: async ({ db, principal, body }) => {
      allPrograms(principal);
      const { endpointId } = await createEndpoint(db, body);
      const { secret } = await revealSecret(db, { endpointId });
      return { ...(await read(db, endpointId)), secret };
    },
  }),
  route({
    method: "PATCH",
    path: "/webhook-endpoints/{endpointId}",
    operationId: "updateWebhookEndpoint",
    summary: "Turn a webhook endpoint off or on",
    tag: "Webhooks",
    auth: "key",
    scope: "webhooks:write",
    params: idParam,
    body: z.object({ enabled: z.boolean() }).meta({ id: "WebhookEndpointUpdate" }),
    response: endpoint,
    handle: async ({ db, principal, params, body }) => {
      allPrograms(principal);
      await setEndpointEnabled(db, { endpointId: params.endpointId, enabled: body.enabled });
      return read(db, params.endpointId);
    },
  }),
];
