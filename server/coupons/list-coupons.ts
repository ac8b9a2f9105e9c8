import { count, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { coupons, offers, partners } from "@/db/schema";

export const couponColumns = {
  id: coupons.id,
  code: coupons.code,
  status: coupons.status,
  createdAt: coupons.createdAt,
  offerId: offers.id,
  offerName: offers.name,
};

/** Every coupon of every program, newest first. Admin only. */
export async function listCoupons(db: DbOrTx, f: { limit: number; offset: number }) {
  const [items, [total]] = await Promise.all([
    db
      .select({ ...couponColumns, partnerId: partners.id, partnerName: partners.name })
      .from(coupons)
      .innerJoin(offers, eq(offers.id, coupons.offerId))
      .innerJoin(partners, eq(partners.id, coupons.partnerId))
      .orderBy(desc(coupons.createdAt), desc(coupons.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(coupons),
  ]);
  return { items, total: total?.n ?? 0 };
}
