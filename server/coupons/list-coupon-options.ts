import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { offers, partners } from "@/db/schema";

/** What the "New coupon" form offers to pick from: approved partners and all offers. */
export async function listCouponOptions(db: DbOrTx) {
  const [partnerRows, offerRows] = await Promise.all([
    db.select({ id: partners.id, name: partners.name }).from(partners).where(eq(partners.status, "approved")).orderBy(asc(partners.name)).limit(1000),
    db.select({ id: offers.id, name: offers.name, status: offers.status }).from(offers).orderBy(asc(offers.name)),
  ]);
  return { partners: partnerRows, offers: offerRows };
}
