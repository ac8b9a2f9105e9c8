import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, offers } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { invalidateLinkCache } from "@/server/tracking/link-cache";
import type { UpdateOfferInput } from "./schemas";

/**
 * Everything the operator sets on an offer. Links point at the offer, not at a URL, so a new landing URL
 * applies to the next click of every existing link. The currency is fixed once a conversion was reported
 * (its commissions and balances are in it). The redirect cache is dropped so clicks see the change at once.
 */
export async function updateOffer(db: Db, input: UpdateOfferInput) {
  const row = await db.transaction(async (tx) => {
    const [offer] = await tx.select({ id: offers.id, currency: offers.currency }).from(offers).where(eq(offers.id, input.offerId)).for("update");
    if (!offer) throw new DomainError("NOT_FOUND", "Offer not found");
    if (offer.currency !== input.currency && (await tx.$count(conversions, eq(conversions.offerId, offer.id))) > 0) {
      throw new DomainError("BAD_REQUEST", `The currency stays ${offer.currency}: this offer already has conversions`, "currency");
    }
    await tx
      .update(offers)
      .set({
        name: input.name,
        description: input.description || null,
        landingUrl: input.landingUrl,
        currency: input.currency,
        eventTypes: input.eventTypes,
        attributionWindowDays: input.attributionWindowDays,
        deepLinkHosts: input.deepLinkHosts,
        visibility: input.visibility,
      })
      .where(eq(offers.id, offer.id));
    return { id: offer.id };
  });
  invalidateLinkCache(db);
  return row;
}
