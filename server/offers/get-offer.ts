import { asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversions, offerAccessRequests, offerGroups, offers, partners, programs } from "@/db/schema";

/** One offer for its admin page: every setting, whether its currency can still change, and its access requests. */
export async function getOffer(db: DbOrTx, offerId: string) {
  const [row] = await db
    .select({ offer: offers, programName: programs.name, programStatus: programs.status })
    .from(offers)
    .innerJoin(programs, eq(programs.id, offers.programId))
    .where(eq(offers.id, offerId));
  if (!row) return null;
  const [hasConversions, requests, groups] = await Promise.all([
    db.select({ id: conversions.id }).from(conversions).where(eq(conversions.offerId, offerId)).limit(1),
    db
      .select({
        id: offerAccessRequests.id,
        partnerId: partners.id,
        partnerName: partners.name,
        status: offerAccessRequests.status,
        message: offerAccessRequests.message,
        createdAt: offerAccessRequests.createdAt,
        decidedAt: offerAccessRequests.decidedAt,
      })
      .from(offerAccessRequests)
      .innerJoin(partners, eq(partners.id, offerAccessRequests.partnerId))
      .where(eq(offerAccessRequests.offerId, offerId))
      // pending first, then the most recent decisions
      .orderBy(desc(eq(offerAccessRequests.status, "pending")), desc(offerAccessRequests.updatedAt), asc(offerAccessRequests.id)),
    db.select({ groupId: offerGroups.groupId }).from(offerGroups).where(eq(offerGroups.offerId, offerId)),
  ]);
  return { ...row.offer, programName: row.programName, programStatus: row.programStatus, currencyLocked: hasConversions.length > 0, accessRequests: requests, groupIds: groups.map((g) => g.groupId) };
}
