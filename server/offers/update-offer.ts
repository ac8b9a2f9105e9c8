import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { offers } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { invalidateLinkCache } from "@/server/tracking/link-cache";
import type { UpdateOfferInput } from "./schemas";

/** The operator's tracking settings of one offer. The redirect cache is dropped so clicks see them at once. */
export async function updateOffer(db: Db, input: UpdateOfferInput) {
  const [row] = await db
    .update(offers)
    .set({
      status: input.status,
      attributionWindowDays: input.attributionWindowDays,
      deepLinkHosts: input.deepLinkHosts,
      eventTypes: input.eventTypes,
    })
    .where(eq(offers.id, input.offerId))
    .returning({ id: offers.id });
  if (!row) throw new DomainError("NOT_FOUND", "Offer not found");
  invalidateLinkCache(db);
  return row;
}
