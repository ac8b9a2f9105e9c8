import { and, eq, exists, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { offerAccessRequests, offerGroups, offers, partnerGroupMembers } from "@/db/schema";

/** True for an offer with visibility "groups" when the partner is in one of the offer's groups. */
export function inOfferGroup(db: DbOrTx, partnerId: string): SQL {
  const member = db
    .select({ one: sql`1` })
    .from(offerGroups)
    .innerJoin(partnerGroupMembers, eq(partnerGroupMembers.groupId, offerGroups.groupId))
    .where(and(eq(offerGroups.offerId, offers.id), eq(partnerGroupMembers.partnerId, partnerId)));
  return and(eq(offers.visibility, "groups"), exists(member)) as SQL;
}

/**
 * The offers this partner may see and promote: those shown to every approved partner, those shown on
 * request once the partner's request was approved, and those shown to a group the partner belongs to. Hidden
 * offers are for nobody. (Links made earlier keep redirecting: a visibility change never breaks a partner's
 * live traffic, it only hides the offer.)
 */
export function visibleTo(db: DbOrTx, partnerId: string): SQL {
  const approved = db
    .select({ one: sql`1` })
    .from(offerAccessRequests)
    .where(and(eq(offerAccessRequests.offerId, offers.id), eq(offerAccessRequests.partnerId, partnerId), eq(offerAccessRequests.status, "approved")));
  return or(eq(offers.visibility, "all"), and(eq(offers.visibility, "on_request"), exists(approved)), inOfferGroup(db, partnerId)) as SQL;
}
