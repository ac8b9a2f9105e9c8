import { count, desc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { SaveEndpointInput } from "./schemas";
import { newWebhookSecret, ROTATION_OVERLAP_MS } from "./secrets";

const NOT_FOUND = "Webhook endpoint not found";

/** What the settings page shows of an endpoint: never the secret itself, only its last characters. */
const publicColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  events: webhookEndpoints.events,
  enabled: webhookEndpoints.enabled,
  secretTail: sql<string>`right(${webhookEndpoints.secret}, 4)`,
  /** Until when the rotated-out secret still signs; null once that has passed. */
  previousSecretExpiresAt: sql<Date | null>`case when ${webhookEndpoints.previousSecretExpiresAt} > now() then ${webhookEndpoints.previousSecretExpiresAt} end`.mapWith(webhookEndpoints.previousSecretExpiresAt),
  createdAt: webhookEndpoints.createdAt,
  updatedAt: webhookEndpoints.updatedAt,
};

export async function listEndpoints(db: DbOrTx) {
  const [rows, stats] = await Promise.all([
    db.select(publicColumns).from(webhookEndpoints).orderBy(desc(webhookEndpoints.id)),
    db
      .select({ endpointId: webhookDeliveries.endpointId, status: webhookDeliveries.status, n: count() })
      .from(webhookDeliveries)
      .groupBy(webhookDeliveries.endpointId, webhookDeliveries.status),
  ]);
  return rows.map((r) => {
    const of = (status: string) => stats.find((s) => s.endpointId === r.id && s.status === status)?.n ?? 0;
    return { ...r, delivered: of("delivered"), pending: of("pending"), failed: of("failed") };
  });
}

export async function getEndpoint(db: DbOrTx, endpointId: string) {
  const [row] = await db.select(publicColumns).from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
  if (!row) throw new DomainError("NOT_FOUND", NOT_FOUND);
  return row;
}

export async function createEndpoint(db: Db, input: SaveEndpointInput) {
  const id = newId("webhookEndpoint");
  await db.insert(webhookEndpoints).values({ id, url: input.url, description: input.description, events: input.events, secret: newWebhookSecret() });
  return { endpointId: id };
}

export async function updateEndpoint(db: Db, input: SaveEndpointInput & { endpointId: string }) {
  const updated = await db
    .update(webhookEndpoints)
    .set({ url: input.url, description: input.description, events: input.events })
    .where(eq(webhookEndpoints.id, input.endpointId))
    .returning({ id: webhookEndpoints.id });
  if (updated.length === 0) throw new DomainError("NOT_FOUND", NOT_FOUND);
  return { endpointId: input.endpointId };
}

export async function setEndpointEnabled(db: Db, input: { endpointId: string; enabled: boolean }) {
  const updated = await db.update(webhookEndpoints).set({ enabled: input.enabled }).where(eq(webhookEndpoints.id, input.endpointId)).returning({ id: webhookEndpoints.id });
  if (updated.length === 0) throw new DomainError("NOT_FOUND", NOT_FOUND);
  return { endpointId: input.endpointId, enabled: input.enabled };
}

/** Deletes the endpoint and its delivery log; attempts still queued find no message and send nothing. */
export async function deleteEndpoint(db: Db, input: { endpointId: string }) {
  const deleted = await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, input.endpointId)).returning({ id: webhookEndpoints.id });
  if (deleted.length === 0) throw new DomainError("NOT_FOUND", NOT_FOUND);
  return { endpointId: input.endpointId };
}

/** The whole secret, for the operator to paste into their receiver (the router gates and audits it). */
export async function revealSecret(db: DbOrTx, input: { endpointId: string }, now = new Date()) {
  const [row] = await db
    .select({ secret: webhookEndpoints.secret, previousSecret: webhookEndpoints.previousSecret, previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, input.endpointId));
  if (!row) throw new DomainError("NOT_FOUND", NOT_FOUND);
  const previousLive = row.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > now.getTime();
  return { endpointId: input.endpointId, secret: row.secret, previousSecret: previousLive ? row.previousSecret : null, previousSecretExpiresAt: previousLive ? row.previousSecretExpiresAt : null };
}

/**
 * A new secret signs from now on; the one it replaces keeps signing beside it for 24 hours (two signatures in
 * `webhook-signature`), so the receiver can switch without a refused message. A secret older than that is dropped.
 */
export async function rotateSecret(db: Db, input: { endpointId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const rotated = await db
    .update(webhookEndpoints)
    .set({ previousSecret: webhookEndpoints.secret, previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS), secret: newWebhookSecret() })
    .where(eq(webhookEndpoints.id, input.endpointId))
    .returning({ id: webhookEndpoints.id, previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt });
  if (rotated.length === 0) throw new DomainError("NOT_FOUND", NOT_FOUND);
  return { endpointId: input.endpointId, previousSecretExpiresAt: rotated[0]?.previousSecretExpiresAt ?? null };
}
