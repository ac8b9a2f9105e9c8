import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { links, offers } from "@/db/schema";

/** The caller's own tracking links, one per offer. Scoped by partner id in SQL. */
export async function getPartnerLinks(db: DbOrTx, partnerId: string) {
  return db
    .select({
      linkId: links.id,
      code: links.code,
      status: links.status,
      offerId: offers.id,
      offerName: offers.name,
      offerDescription: offers.description,
      offerStatus: offers.status,
      commissionEvent: offers.commissionEvent,
      cpaAmount: offers.cpaAmount,
      currency: offers.currency,
      windowDays: offers.attributionWindowDays,
    })
    .from(links)
    .innerJoin(offers, eq(offers.id, links.offerId))
    .where(eq(links.partnerId, partnerId))
    .orderBy(asc(offers.name));
}
