import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { links, offers } from "@/db/schema";
import { offerTermsFor } from "@/server/commissions/plan-book";
import { visibleTo } from "@/server/offers/visibility";

/**
 * The caller's own tracking links (one or more per offer), oldest first per offer. Scoped by partner id in SQL.
 * Links to offers no longer visible to the partner (hidden, or access withdrawn) are left out; they still redirect.
 */
export async function getPartnerLinks(db: DbOrTx, partnerId: string) {
  const rows = await db
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
      programId: offers.programId,
      currency: offers.currency,
      windowDays: offers.attributionWindowDays,
      deepLinkHosts: offers.deepLinkHosts,
    })
    .from(links)
    .innerJoin(offers, eq(offers.id, links.offerId))
    .where(and(eq(links.partnerId, partnerId), visibleTo(db, partnerId)))
    .orderBy(asc(offers.name), asc(links.createdAt), asc(links.id));
  // what each offer pays this partner now, under their own plan or the offer's default
  const terms = await offerTermsFor(db, rows.map((r) => ({ id: r.offerId, programId: r.programId })), partnerId);
  return rows.map((r) => ({ ...r, terms: terms.get(r.offerId)?.summary ?? [] }));
}
