import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { offers, partners } from "@/db/schema";
import { inScope } from "@/server/partners/manager-scope";

/** What the "New coupon" form (and the commission filters) offer to pick from: approved partners (a manager's own
 * only, with `managerScope`) and all offers. */
export async function listCouponOptions(db: DbOrTx, managerScope: string | null = null) {
  const [partnerRows, offerRows] = await Promise.all([
    db.select({ id: partners.id, name: partners.name }).from(partners).where(and(eq(partners.status, "approved"), inScope(managerScope))).orderBy(asc(partners.name)).limit(1000),
    db.select({ id: offers.id, name: offers.name, status: offers.status }).from(offers).orderBy(asc(offers.name)),
  ]);
  return { partners: partnerRows, offers: offerRows };
}
