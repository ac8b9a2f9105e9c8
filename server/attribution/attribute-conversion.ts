import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { clicks, conversions, offers, type AttributionStatus } from "@/db/schema";

export type AttributionOutcome = {
  conversionId: string;
  status: Exclude<AttributionStatus, "pending">;
  partnerId: string | null;
  reason: string;
};

const DAY_MS = 86_400_000;

/**
 * Last-click attribution within the offer's window. The postback names its click, so the journey is that
 * click; later models (issue 4) widen it to the visitor's touchpoints. Idempotent: a decided conversion
 * keeps its outcome.
 */
export async function attributeConversion(db: DbOrTx, conversionId: string, now = new Date()): Promise<AttributionOutcome> {
  const [row] = await db
    .select({
      status: conversions.attributionStatus,
      reason: conversions.attributionReason,
      partnerId: conversions.partnerId,
      occurredAt: conversions.occurredAt,
      clickAt: clicks.createdAt,
      clickPartnerId: clicks.partnerId,
      windowDays: offers.attributionWindowDays,
    })
    .from(conversions)
    .innerJoin(offers, eq(offers.id, conversions.offerId))
    .leftJoin(clicks, eq(clicks.id, conversions.clickId))
    .where(eq(conversions.id, conversionId));
  if (!row) throw new Error(`conversion ${conversionId} not found`);
  if (row.status !== "pending") {
    return { conversionId, status: row.status, partnerId: row.partnerId, reason: row.reason ?? "" };
  }

  let outcome: AttributionOutcome;
  if (!row.clickAt || !row.clickPartnerId) {
    outcome = { conversionId, status: "unattributed", partnerId: null, reason: "no click" };
  } else {
    const age = row.occurredAt.getTime() - row.clickAt.getTime();
    if (age > row.windowDays * DAY_MS) {
      outcome = { conversionId, status: "unattributed", partnerId: null, reason: `click older than the ${row.windowDays}-day attribution window` };
    } else if (age < 0) {
      outcome = { conversionId, status: "unattributed", partnerId: null, reason: "conversion reported as happening before its click" };
    } else {
      outcome = { conversionId, status: "attributed", partnerId: row.clickPartnerId, reason: "last click within the attribution window" };
    }
  }

  const updated = await db
    .update(conversions)
    .set({ attributionStatus: outcome.status, partnerId: outcome.partnerId, attributionReason: outcome.reason, attributedAt: now })
    .where(and(eq(conversions.id, conversionId), eq(conversions.attributionStatus, "pending")))
    .returning({ id: conversions.id });
  // Lost a race with another run: the first decision stands.
  if (updated.length === 0) return attributeConversion(db, conversionId, now);
  return outcome;
}
