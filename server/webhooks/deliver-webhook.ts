import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { config } from "@/server/config";
import { enqueue } from "@/server/outbox/enqueue";
import { webhookDue } from "@/server/outbox/events";
import { safeFetch, type IpPolicy } from "@/server/net/safe-fetch";
import { nextAttemptAt } from "./schedule";
import { signedHeaders } from "./secrets";

export type DeliveryOutcome = { deliveryId: string; status: "delivered" | "retrying" | "failed" | "skipped"; statusCode?: number | null; nextAttemptAt?: Date };

const clip = (s: string | null | undefined, n: number) => (s == null ? null : s.slice(0, n));

/**
 * Attempt `attempt` of one message: sign it with the endpoint's live secrets, POST it through the SSRF-safe
 * client, record the answer, and after a failure schedule the next attempt (or give up after 3 days).
 * A stale attempt (already made, the message delivered or replayed since) sends nothing. The result is written
 * only if no other attempt got there first, so a retried job cannot schedule two retries.
 */
export async function deliverWebhook(db: Db, input: { deliveryId: string; attempt: number }, opts: { now?: Date; policy?: IpPolicy } = {}): Promise<DeliveryOutcome> {
  const { deliveryId, attempt } = input;
  const [row] = await db
    .select({ d: webhookDeliveries, ep: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row || row.d.status !== "pending" || row.d.attempts !== attempt - 1) return { deliveryId, status: "skipped" };
  const { d, ep } = row;
  const now = opts.now ?? new Date();
  if (!ep.enabled) {
    // a disabled endpoint receives nothing; its pending messages wait for a replay
    await db
      .update(webhookDeliveries)
      .set({ status: "failed", failedAt: now, nextAttemptAt: null, lastError: "endpoint disabled" })
      .where(and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.attempts, d.attempts), eq(webhookDeliveries.status, "pending")));
    return { deliveryId, status: "failed" };
  }
  // The same bytes on every attempt and replay: the stored payload, top-level keys in the spec's order.
  const body = JSON.stringify({ type: d.payload.type, timestamp: d.payload.timestamp, data: d.payload.data });
  const headers = { "content-type": "application/json", "user-agent": "Touchpoint-Webhooks/1.0", ...signedHeaders(ep, d.id, now, body) };
  const res = await safeFetch(ep.url, { method: "POST", headers, body, timeoutMs: 15_000, maxBytes: 2_048, policy: opts.policy ?? { allowPrivate: config().outboundAllowPrivate } });
  const delivered = res.ok && res.status >= 200 && res.status < 300;
  const failedInRound = d.roundAttempts + 1;
  const next = delivered ? null : nextAttemptAt(d.retryFrom, failedInRound, now);
  const result = {
    attempts: d.attempts + 1,
    roundAttempts: failedInRound,
    lastAttemptAt: now,
    lastStatusCode: res.ok ? res.status : null,
    lastError: res.ok ? (delivered ? null : `HTTP ${res.status}`) : res.message,
    responseExcerpt: res.ok ? clip(res.body, 1_000) : null,
    status: delivered ? ("delivered" as const) : next ? ("pending" as const) : ("failed" as const),
    nextAttemptAt: next,
    deliveredAt: delivered ? now : null,
    failedAt: !delivered && !next ? now : null,
  };
  const written = await db.transaction(async (tx) => {
    const updated = await tx
      .update(webhookDeliveries)
      .set(result)
      .where(and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.attempts, d.attempts), eq(webhookDeliveries.status, "pending")))
      .returning({ id: webhookDeliveries.id });
    if (updated.length > 0 && next) await enqueue(tx, webhookDue.create({ deliveryId: d.id, attempt: attempt + 1 }), next);
    return updated.length > 0;
  });
  if (!written) return { deliveryId, status: "skipped" };
  const statusCode = res.ok ? res.status : null;
  if (delivered) return { deliveryId, status: "delivered", statusCode };
  return next ? { deliveryId, status: "retrying", statusCode, nextAttemptAt: next } : { deliveryId, status: "failed", statusCode };
}
