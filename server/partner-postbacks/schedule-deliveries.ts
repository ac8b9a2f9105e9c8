import { and, eq, inArray, isNull, max, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { attributions, conversions, partnerPostbacks, postbackDeliveries } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { enqueue } from "@/server/outbox/enqueue";
import { partnerPostbackDue } from "@/server/outbox/events";

/** Inserts attempt 1 of a series and its outbox event, unless that attempt exists (a retried job). */
async function scheduleFirst(db: Db, p: { postbackId: string; partnerId: string; conversionId: string; series: number }, now: Date) {
  return db.transaction(async (tx) => {
    const id = newId("postbackDelivery");
    const inserted = await tx
      .insert(postbackDeliveries)
      .values({ id, ...p, attempt: 1, scheduledFor: now })
      .onConflictDoNothing()
      .returning({ id: postbackDeliveries.id });
    if (inserted.length === 0) return null;
    await enqueue(tx, partnerPostbackDue.create({ deliveryId: id }), now);
    return id;
  });
}

/** After attribution: one delivery per active postback of each credited partner that wants this event. */
export async function queuePartnerPostbacks(db: Db, conversionId: string, now = new Date()): Promise<number> {
  const [conv] = await db
    .select({ partnerId: conversions.partnerId, offerId: conversions.offerId, event: conversions.event, credits: attributions.credits })
    .from(conversions)
    .leftJoin(attributions, and(eq(attributions.conversionId, conversions.id), isNull(attributions.supersededAt)))
    .where(eq(conversions.id, conversionId));
  if (!conv?.partnerId) return 0;
  const partnerIds = conv.credits?.length ? conv.credits.map((c) => c.partnerId) : [conv.partnerId];
  const targets = await db
    .select({ id: partnerPostbacks.id, events: partnerPostbacks.events, partnerId: partnerPostbacks.partnerId })
    .from(partnerPostbacks)
    .where(
      and(
        inArray(partnerPostbacks.partnerId, partnerIds),
        eq(partnerPostbacks.status, "active"),
        or(isNull(partnerPostbacks.offerId), eq(partnerPostbacks.offerId, conv.offerId)),
      ),
    );
  let queued = 0;
  for (const t of targets) {
    if (t.events.length > 0 && !t.events.includes(conv.event)) continue;
    if (await scheduleFirst(db, { postbackId: t.id, partnerId: t.partnerId, conversionId, series: 0 }, now)) queued++;
  }
  return queued;
}

/** The partner's "Resend" button: a new series of attempts for one conversion and one of their postbacks. */
export async function resendPostback(db: Db, input: { partnerId: string; postbackId: string; conversionId: string; now?: Date }) {
  const [owned] = await db
    .select({ n: max(postbackDeliveries.series) })
    .from(postbackDeliveries)
    .where(
      and(
        eq(postbackDeliveries.partnerId, input.partnerId),
        eq(postbackDeliveries.postbackId, input.postbackId),
        eq(postbackDeliveries.conversionId, input.conversionId),
      ),
    );
  // Only a conversion this partner's postback was already sent for can be resent (scoped to the caller).
  if (owned?.n == null) throw new DomainError("NOT_FOUND", "nothing to resend: this postback never fired for that conversion");
  const id = await scheduleFirst(db, { postbackId: input.postbackId, partnerId: input.partnerId, conversionId: input.conversionId, series: owned.n + 1 }, input.now ?? new Date());
  return { deliveryId: id };
}
