import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { WebhookEventType } from "@/db/schema/values";
import { enqueueMany } from "@/server/outbox/enqueue";
import { webhookDue } from "@/server/outbox/events";

export type WebhookEvent = {
  type: WebhookEventType;
  data: Record<string, unknown>;
  /** Set where the fact is announced from a job step that may run again: the second emission writes nothing. */
  dedupeKey?: string;
};

export type WebhookPayload = { type: string; timestamp: string; data: Record<string, unknown> };

/** Money in a payload: integer minor units and the ISO currency, never a float. */
export const money = (amount: number | bigint, currency: string) => ({ amount: Number(amount), currency });

const CHUNK = 500;

/**
 * Announces facts to the operator's webhook endpoints, in the caller's transaction: one message per enabled
 * endpoint that wants the type, and its first attempt in the outbox (sent after commit). No endpoint, no rows.
 */
export async function emitWebhooks(tx: DbOrTx, events: WebhookEvent[], now = new Date()): Promise<number> {
  if (events.length === 0) return 0;
  const endpoints = await tx.select({ id: webhookEndpoints.id, events: webhookEndpoints.events }).from(webhookEndpoints).where(eq(webhookEndpoints.enabled, true));
  if (endpoints.length === 0) return 0;
  const timestamp = now.toISOString();
  const rows = events.flatMap((e) =>
    endpoints
      .filter((ep) => ep.events.length === 0 || ep.events.includes(e.type))
      .map((ep) => ({
        id: newId("webhookMessage", now.getTime()),
        endpointId: ep.id,
        eventType: e.type,
        payload: { type: e.type, timestamp, data: e.data } satisfies WebhookPayload,
        dedupeKey: e.dedupeKey ?? null,
        retryFrom: now,
        nextAttemptAt: now,
        createdAt: now,
      })),
  );
  let queued = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await tx.insert(webhookDeliveries).values(rows.slice(i, i + CHUNK)).onConflictDoNothing().returning({ id: webhookDeliveries.id });
    await enqueueMany(
      tx,
      inserted.map((r) => ({ event: webhookDue.create({ deliveryId: r.id, attempt: 1 }), availableAt: now })),
    );
    queued += inserted.length;
  }
  return queued;
}
