import { createHmac } from "node:crypto";
import { and, eq, min } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { partnerPostbacks, postbackDeliveries } from "@/db/schema";
import { config } from "@/server/config";
import { enqueue } from "@/server/outbox/enqueue";
import { partnerPostbackDue } from "@/server/outbox/events";
import { safeFetch, type IpPolicy, type SafeFetchResult } from "@/server/net/safe-fetch";
import { fillPostbackUrl, postbackValues } from "./payload";

export const RETRY_FOR_MS = 3 * 86_400_000;
const MAX_DELAY_MS = 6 * 3_600_000;

/** Exponential backoff with full jitter: attempt 1 waits up to 1 min, doubling, capped at 6 h. */
export function retryDelayMs(attempt: number, random = Math.random): number {
  const cap = Math.min(MAX_DELAY_MS, 60_000 * 2 ** (attempt - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}

const clip = (s: string | null | undefined, n: number) => (s == null ? null : s.slice(0, n));

type Outcome = { deliveryId: string; status: "delivered" | "failed" | "skipped"; nextAttemptAt?: Date };

/**
 * One attempt: build the partner's request, send it through the SSRF-safe client, log the result, and
 * schedule the next attempt after a failure for up to 3 days from the first one.
 */
export async function deliverPostback(db: Db, deliveryId: string, opts: { now?: Date; policy?: IpPolicy } = {}): Promise<Outcome> {
  const [d] = await db
    .select({ delivery: postbackDeliveries, postback: partnerPostbacks })
    .from(postbackDeliveries)
    .innerJoin(partnerPostbacks, eq(partnerPostbacks.id, postbackDeliveries.postbackId))
    .where(eq(postbackDeliveries.id, deliveryId));
  // Already attempted (a retried job) or gone: nothing to do, and never a second request.
  if (!d || d.delivery.status !== "scheduled") return { deliveryId, status: "skipped" };
  const { delivery, postback } = d;
  const now = opts.now ?? new Date();
  const values = await postbackValues(db, delivery.conversionId, delivery.partnerId);
  if (!values) return { deliveryId, status: "skipped" };

  let method: "GET" | "POST" = "GET";
  let url = postback.url;
  let body: string | undefined;
  const headers: Record<string, string> = {};
  if (postback.kind === "url") {
    url = fillPostbackUrl(postback.url, values);
  } else {
    method = "POST";
    body = JSON.stringify({ id: delivery.id, type: "conversion", created_at: now.toISOString(), data: values });
    const t = Math.floor(now.getTime() / 1000);
    headers["content-type"] = "application/json";
    headers["x-touchpoint-delivery"] = delivery.id;
    headers["x-touchpoint-signature"] = `t=${t},v1=${createHmac("sha256", postback.secret ?? "").update(`${t}.${body}`).digest("hex")}`;
  }

  const policy = opts.policy ?? { allowPrivate: config().outboundAllowPrivate };
  const res: SafeFetchResult = await safeFetch(url, { method, headers, body, timeoutMs: 5_000, maxBytes: 4_096, policy });
  const delivered = res.ok && res.status >= 200 && res.status < 300;
  await db
    .update(postbackDeliveries)
    .set({
      status: delivered ? "delivered" : "failed",
      method,
      requestUrl: clip(url, 2048),
      requestBody: clip(body, 8192),
      responseStatus: res.ok ? res.status : null,
      responseBody: res.ok ? clip(res.body, 1024) : null,
      error: res.ok ? (delivered ? null : `HTTP ${res.status}`) : res.message,
      durationMs: Math.round(res.durationMs),
      attemptedAt: now,
    })
    .where(and(eq(postbackDeliveries.id, delivery.id), eq(postbackDeliveries.status, "scheduled")));
  if (delivered) return { deliveryId, status: "delivered" };

  const [first] = await db
    .select({ at: min(postbackDeliveries.scheduledFor) })
    .from(postbackDeliveries)
    .where(and(eq(postbackDeliveries.postbackId, delivery.postbackId), eq(postbackDeliveries.conversionId, delivery.conversionId), eq(postbackDeliveries.series, delivery.series)));
  const next = new Date(now.getTime() + retryDelayMs(delivery.attempt));
  if (next.getTime() - (first?.at ?? now).getTime() > RETRY_FOR_MS) return { deliveryId, status: "failed" };
  await db.transaction(async (tx) => {
    const id = newId("postbackDelivery");
    const inserted = await tx
      .insert(postbackDeliveries)
      .values({ id, postbackId: delivery.postbackId, partnerId: delivery.partnerId, conversionId: delivery.conversionId, series: delivery.series, attempt: delivery.attempt + 1, scheduledFor: next })
      .onConflictDoNothing()
      .returning({ id: postbackDeliveries.id });
    if (inserted.length > 0) await enqueue(tx, partnerPostbackDue.create({ deliveryId: id }), next);
  });
  return { deliveryId, status: "failed", nextAttemptAt: next };
}
