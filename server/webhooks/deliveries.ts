import { and, desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { WebhookDeliveryStatus } from "@/db/schema/values";
import { DomainError } from "@/server/errors";
import { enqueue } from "@/server/outbox/enqueue";
import { dispatchOutbox } from "@/server/outbox/dispatch";
import { webhookDue } from "@/server/outbox/events";
import type { WebhookPayload } from "./emit";

/** The endpoint's delivery log, newest first: the message, its state, attempts and the last answer. */
export async function listDeliveries(db: DbOrTx, f: { endpointId: string; status?: WebhookDeliveryStatus; limit: number; offset: number }) {
  const where = and(eq(webhookDeliveries.endpointId, f.endpointId), f.status ? eq(webhookDeliveries.status, f.status) : undefined);
  const [items, total] = await Promise.all([
    db
      .select({
        id: webhookDeliveries.id,
        eventType: webhookDeliveries.eventType,
        payload: webhookDeliveries.payload,
        status: webhookDeliveries.status,
        attempts: webhookDeliveries.attempts,
        nextAttemptAt: webhookDeliveries.nextAttemptAt,
        lastAttemptAt: webhookDeliveries.lastAttemptAt,
        lastStatusCode: webhookDeliveries.lastStatusCode,
        lastError: webhookDeliveries.lastError,
        responseExcerpt: webhookDeliveries.responseExcerpt,
        deliveredAt: webhookDeliveries.deliveredAt,
        failedAt: webhookDeliveries.failedAt,
        createdAt: webhookDeliveries.createdAt,
      })
      .from(webhookDeliveries)
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(f.limit)
      .offset(f.offset),
    db.$count(webhookDeliveries, where),
  ]);
  return { items, total };
}

/**
 * Sends a message again with the same `webhook-id` and payload (a receiver that deduplicates ignores it if it
 * has it), on a fresh 3-day schedule. A message with an attempt in flight cannot be replayed yet.
 */
export async function replayDelivery(db: Db, input: { deliveryId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const out = await db.transaction(async (tx) => {
    const [d] = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, input.deliveryId)).for("update");
    if (!d) throw new DomainError("NOT_FOUND", "Delivery not found");
    if (d.status === "pending" && d.roundAttempts === 0) throw new DomainError("CONFLICT", "Its first attempt is still on its way");
    await tx
      .update(webhookDeliveries)
      .set({ status: "pending", roundAttempts: 0, retryFrom: now, nextAttemptAt: now, deliveredAt: null, failedAt: null })
      .where(eq(webhookDeliveries.id, d.id));
    // The next attempt number: an attempt still scheduled from the old round finds the count moved on and sends nothing.
    const outboxId = await enqueue(tx, webhookDue.create({ deliveryId: d.id, attempt: d.attempts + 1 }), now);
    return { deliveryId: d.id, outboxId };
  });
  dispatchOutbox(db, out.outboxId);
  return { deliveryId: out.deliveryId };
}

/** "Send test event": a `webhook.test` message to this endpoint only, whatever its event filter. */
export async function sendTestEvent(db: Db, input: { endpointId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const out = await db.transaction(async (tx) => {
    const [ep] = await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.id, input.endpointId));
    if (!ep) throw new DomainError("NOT_FOUND", "Webhook endpoint not found");
    const id = newId("webhookMessage", now.getTime());
    const payload: WebhookPayload = { type: "webhook.test", timestamp: now.toISOString(), data: { endpoint_id: ep.id, message: "A test event from Touchpoint" } };
    await tx.insert(webhookDeliveries).values({ id, endpointId: ep.id, eventType: payload.type, payload, retryFrom: now, nextAttemptAt: now, createdAt: now });
    const outboxId = await enqueue(tx, webhookDue.create({ deliveryId: id, attempt: 1 }), now);
    return { deliveryId: id, outboxId };
  });
  dispatchOutbox(db, out.outboxId);
  return { deliveryId: out.deliveryId };
}
