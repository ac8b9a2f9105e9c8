import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { links, offers } from "@/db/schema";

/** The caller's own tracking links (one or more per offer), oldest first per offer. Scoped by partner id in SQL. */
export async function getPartnerLinks(db: DbOrTx, partnerId: string) {
  return db
    .select({
      linkId: links.id,
      code: links.code,
      alias: links.alias,
      label: links.label,
      status: links.status,
      createdAt: links.createdAt,
      offerId: offers.id,
      offerName: offers.name,
      offerDescription: offers.description,
      offerStatus: offers.status,
      commissionEvent: offers.commissionEvent,
      cpaAmount: offers.cpaAmount,
      currency: offers.currency,
      windowDays: offers.attributionWindowDays,
      deepLinkHosts: offers.deepLinkHosts,
    })
    .from(links)
    .innerJoin(offers, eq(offers.id, links.offerId))
    .where(eq(links.partnerId, partnerId))
    .orderBy(asc(offers.name), asc(links.createdAt), asc(links.id));
}
