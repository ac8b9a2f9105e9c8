import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { offerAccessRequests, offers } from "@/db/schema";
import { offerTermsFor } from "@/server/commissions/plan-book";
import { inOfferGroup } from "./visibility";

/**
 * The portal's offer catalogue for one partner: active offers shown to all (available) or on request (with
 * the partner's request state), and those shown to a group the partner is in. Hidden offers never appear. Scoped by partner id in SQL.
 */
export async function listPartnerOffers(db: DbOrTx, partnerId: string) {
  const rows = await db
    .select({
      id: offers.id,
      name: offers.name,
      description: offers.description,
      programId: offers.programId,
      currency: offers.currency,
      visibility: offers.visibility,
      requestStatus: offerAccessRequests.status,
    })
    .from(offers)
    .leftJoin(offerAccessRequests, and(eq(offerAccessRequests.offerId, offers.id), eq(offerAccessRequests.partnerId, partnerId)))
    .where(and(eq(offers.status, "active"), or(inArray(offers.visibility, ["all", "on_request"]), inOfferGroup(db, partnerId))))
    .orderBy(asc(offers.name), asc(offers.id));
  const terms = await offerTermsFor(db, rows, partnerId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    currency: r.currency,
    access: r.visibility === "all" || r.visibility === "groups" ? ("open" as const) : (r.requestStatus ?? ("none" as const)),
    terms: terms.get(r.id)?.summary ?? [],
  }));
}
