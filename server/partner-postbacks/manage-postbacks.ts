import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { conversions, offers, partnerPostbacks, postbackDeliveries } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { SavePostbackInput } from "./schemas";

/** Every function here takes the caller's partnerId and filters by it in SQL: a partner only ever sees
 * and changes their own postbacks and deliveries. */

export async function createPostback(db: Db, partnerId: string, input: SavePostbackInput) {
  if (input.offerId) {
    const [offer] = await db.select({ id: offers.id }).from(offers).where(eq(offers.id, input.offerId));
    if (!offer) throw new DomainError("BAD_REQUEST", "Pick an offer from the list", "offerId");
  }
  const id = newId("partnerPostback");
  // Webhooks are signed with a secret that only this partner sees.
  const secret = input.kind === "webhook" ? randomBytes(32).toString("hex") : null;
  await db.insert(partnerPostbacks).values({ id, partnerId, offerId: input.offerId, kind: input.kind, url: input.url, secret, events: input.events });
  return { id };
}

export async function setPostbackStatus(db: Db, partnerId: string, id: string, status: "active" | "paused") {
  const updated = await db
    .update(partnerPostbacks)
    .set({ status })
    .where(and(eq(partnerPostbacks.id, id), eq(partnerPostbacks.partnerId, partnerId)))
    .returning({ id: partnerPostbacks.id });
  if (updated.length === 0) throw new DomainError("NOT_FOUND", "postback not found");
}

export async function listPostbacks(db: DbOrTx, partnerId: string) {
  return db
    .select({
      id: partnerPostbacks.id,
      kind: partnerPostbacks.kind,
      url: partnerPostbacks.url,
      secret: partnerPostbacks.secret,
      events: partnerPostbacks.events,
      status: partnerPostbacks.status,
      offerId: partnerPostbacks.offerId,
      offerName: offers.name,
      createdAt: partnerPostbacks.createdAt,
    })
    .from(partnerPostbacks)
    .leftJoin(offers, eq(offers.id, partnerPostbacks.offerId))
    .where(eq(partnerPostbacks.partnerId, partnerId))
    .orderBy(desc(partnerPostbacks.id));
}

export async function listDeliveries(db: DbOrTx, partnerId: string, f: { limit: number; offset: number }) {
  const where = eq(postbackDeliveries.partnerId, partnerId);
  const [items, total] = await Promise.all([
    db
      .select({
        id: postbackDeliveries.id,
        postbackId: postbackDeliveries.postbackId,
        conversionId: postbackDeliveries.conversionId,
        event: conversions.event,
        txnId: conversions.txnId,
        series: postbackDeliveries.series,
        attempt: postbackDeliveries.attempt,
        status: postbackDeliveries.status,
        scheduledFor: postbackDeliveries.scheduledFor,
        attemptedAt: postbackDeliveries.attemptedAt,
        method: postbackDeliveries.method,
        requestUrl: postbackDeliveries.requestUrl,
        responseStatus: postbackDeliveries.responseStatus,
        responseBody: postbackDeliveries.responseBody,
        error: postbackDeliveries.error,
        durationMs: postbackDeliveries.durationMs,
      })
      .from(postbackDeliveries)
      .innerJoin(conversions, eq(conversions.id, postbackDeliveries.conversionId))
      .where(where)
      .orderBy(desc(postbackDeliveries.id))
      .limit(f.limit)
      .offset(f.offset),
    db.$count(postbackDeliveries, where),
  ]);
  return { items, total };
}
