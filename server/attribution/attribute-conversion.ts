import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { clicks, conversions, coupons, customerBindings, offers, type AttributionMethod, type AttributionStatus } from "@/db/schema";

export type AttributionOutcome = {
  conversionId: string;
  status: Exclude<AttributionStatus, "pending">;
  partnerId: string | null;
  method: AttributionMethod | null;
  reason: string;
};

const DAY_MS = 86_400_000;

type Row = {
  programId: string;
  offerId: string;
  customerId: string | null;
  couponCode: string | null;
  occurredAt: Date;
  clickAt: Date | null;
  clickPartnerId: string | null;
  windowDays: number;
};

/**
 * Who earned a conversion. Priority: the postback's explicit click (last click, within the offer's window),
 * then the customer's lifetime binding, then a coupon code. The journey models of issue 4 will slot in
 * after the explicit click.
 */
async function decide(db: DbOrTx, conversionId: string, row: Row): Promise<AttributionOutcome> {
  const base = { conversionId };
  if (row.clickAt && row.clickPartnerId) {
    const age = row.occurredAt.getTime() - row.clickAt.getTime();
    if (age > row.windowDays * DAY_MS) return { ...base, status: "unattributed", partnerId: null, method: null, reason: `click older than the ${row.windowDays}-day attribution window` };
    if (age < 0) return { ...base, status: "unattributed", partnerId: null, method: null, reason: "conversion reported as happening before its click" };
    return { ...base, status: "attributed", partnerId: row.clickPartnerId, method: "click", reason: "last click within the attribution window" };
  }
  if (row.customerId) {
    const [binding] = await db
      .select({ partnerId: customerBindings.partnerId })
      .from(customerBindings)
      .where(and(eq(customerBindings.programId, row.programId), eq(customerBindings.customerId, row.customerId)));
    if (binding) return { ...base, status: "attributed", partnerId: binding.partnerId, method: "customer_binding", reason: "customer is bound to this partner by an earlier attributed event" };
  }
  if (row.couponCode) {
    const [coupon] = await db
      .select({ partnerId: coupons.partnerId })
      .from(coupons)
      .where(and(eq(coupons.programId, row.programId), eq(coupons.code, sql`upper(${row.couponCode})`)));
    if (coupon) return { ...base, status: "attributed", partnerId: coupon.partnerId, method: "coupon", reason: `coupon ${row.couponCode} belongs to this partner` };
  }
  return { ...base, status: "unattributed", partnerId: null, method: null, reason: "no click, customer binding or coupon identifies a partner" };
}

/** Decides a pending conversion once; running it again returns the first decision. */
export async function attributeConversion(db: DbOrTx, conversionId: string, now = new Date()): Promise<AttributionOutcome> {
  const [row] = await db
    .select({
      status: conversions.attributionStatus,
      reason: conversions.attributionReason,
      method: conversions.attributionMethod,
      partnerId: conversions.partnerId,
      programId: conversions.programId,
      offerId: conversions.offerId,
      customerId: conversions.customerId,
      couponCode: conversions.couponCode,
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
    return { conversionId, status: row.status, partnerId: row.partnerId, method: row.method, reason: row.reason ?? "" };
  }

  const outcome = await decide(db, conversionId, row);
  const updated = await db
    .update(conversions)
    .set({ attributionStatus: outcome.status, partnerId: outcome.partnerId, attributionMethod: outcome.method, attributionReason: outcome.reason, attributedAt: now })
    .where(and(eq(conversions.id, conversionId), eq(conversions.attributionStatus, "pending")))
    .returning({ id: conversions.id });
  // Lost a race with another run: the first decision stands.
  if (updated.length === 0) return attributeConversion(db, conversionId, now);

  if (outcome.partnerId && row.customerId) {
    // The first attributed event binds the customer for life; a later one never moves the binding.
    await db
      .insert(customerBindings)
      .values({ programId: row.programId, customerId: row.customerId, partnerId: outcome.partnerId, offerId: row.offerId, conversionId, createdAt: now })
      .onConflictDoNothing();
  }
  return outcome;
}
