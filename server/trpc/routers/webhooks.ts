import { WEBHOOK_EVENT_TYPES } from "@/db/schema/values";
import { listDeliveries, replayDelivery, sendTestEvent } from "@/server/webhooks/deliveries";
import { createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, revealSecret, rotateSecret, setEndpointEnabled, updateEndpoint } from "@/server/webhooks/manage-endpoints";
import { deliveryRef, endpointRef, listDeliveriesInput, saveEndpointInput, setEnabledInput, updateEndpointInput } from "@/server/webhooks/schemas";
import { adminProcedure, createTRPCRouter } from "../init";

const manage = adminProcedure("webhooks:manage");

/** Settings > Webhooks: the operator's endpoints, their delivery logs, replay, test events and secrets. */
export const webhooksRouter = createTRPCRouter({
  eventTypes: manage.query(() => [...WEBHOOK_EVENT_TYPES]),
  list: manage.query(({ ctx }) => listEndpoints(ctx.db)),
  endpoint: manage.input(endpointRef).query(({ ctx, input }) => getEndpoint(ctx.db, input.endpointId)),
  deliveries: manage.input(listDeliveriesInput).query(({ ctx, input }) => listDeliveries(ctx.db, input)),
  create: manage.input(saveEndpointInput).mutation(({ ctx, input }) => createEndpoint(ctx.db, input)),
  update: manage.input(updateEndpointInput).mutation(({ ctx, input }) => updateEndpoint(ctx.db, input)),
  setEnabled: manage.input(setEnabledInput).mutation(({ ctx, input }) => setEndpointEnabled(ctx.db, input)),
  delete: manage.input(endpointRef).mutation(({ ctx, input }) => deleteEndpoint(ctx.db, input)),
  // a mutation, not a query: read-only roles cannot reveal it, and every reveal is in the audit log
  revealSecret: manage.input(endpointRef).mutation(({ ctx, input }) => revealSecret(ctx.db, input)),
  rotateSecret: manage.input(endpointRef).mutation(({ ctx, input }) => rotateSecret(ctx.db, input)),
  replay: manage.input(deliveryRef).mutation(({ ctx, input }) => replayDelivery(ctx.db, input)),
  sendTest: manage.input(endpointRef).mutation(({ ctx, input }) => sendTestEvent(ctx.db, input)),
});
