import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { offerAccessRequests, offers } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { RequestAccessInput } from "./schemas";

/**
 * A partner asks to promote an offer shown on request. Asking again while pending changes nothing; after a
 * denial the same row goes back to pending (one request per partner and offer, its history in updated_at).
 */
export async function requestOfferAccess(db: Db, input: RequestAccessInput & { partnerId: string }) {
  const [offer] = await db
    .select({ id: offers.id, visibility: offers.visibility })
    .from(offers)
    .where(and(eq(offers.id, input.offerId), eq(offers.status, "active")));
  // a group offer is for its groups only: others may not ask their way in
  if (!offer || offer.visibility === "hidden" || offer.visibility === "groups") throw new DomainError("NOT_FOUND", "This offer is not available");
  if (offer.visibility === "all") throw new DomainError("BAD_REQUEST", "This offer is open to every approved partner: no request needed");
  const [row] = await db
    .insert(offerAccessRequests)
    .values({ offerId: offer.id, partnerId: input.partnerId, message: input.message || null })
    .onConflictDoUpdate({
      target: [offerAccessRequests.offerId, offerAccessRequests.partnerId],
      set: { status: "pending", message: input.message || null, decidedBy: null, decidedAt: null },
      // an approved request stays approved; a pending one just keeps its place
      setWhere: sql`${offerAccessRequests.status} = 'denied'`,
    })
    .returning({ id: offerAccessRequests.id, status: offerAccessRequests.status });
  if (row) return row;
  const [existing] = await db
    .select({ id: offerAccessRequests.id, status: offerAccessRequests.status })
    .from(offerAccessRequests)
    .where(and(eq(offerAccessRequests.offerId, offer.id), eq(offerAccessRequests.partnerId, input.partnerId)));
  if (!existing) throw new Error("access request vanished");
  return existing;
}
