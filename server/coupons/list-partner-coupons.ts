import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { coupons, offers } from "@/db/schema";
import { couponColumns } from "./list-coupons";

/** The caller's own coupons, read-only. Scoped by partner id in SQL. */
export async function listPartnerCoupons(db: DbOrTx, partnerId: string) {
  return db
    .select(couponColumns)
    .from(coupons)
    .innerJoin(offers, eq(offers.id, coupons.offerId))
    .where(eq(coupons.partnerId, partnerId))
    .orderBy(asc(coupons.code));
}
