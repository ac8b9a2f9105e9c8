import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { partners, partnerSponsors } from "@/db/schema";
import { DomainError } from "@/server/errors";

export type SetSponsorInput = { partnerId: string; sponsorId: string | null; reason?: string; actorId: string | null; now?: Date };

/** Would `sponsorId` sponsoring `partnerId` close a loop? Walks the current sponsors up from the new sponsor. */
async function wouldLoop(db: DbOrTx, partnerId: string, sponsorId: string): Promise<boolean> {
  let at: string | null = sponsorId;
  for (let i = 0; at && i < 50; i++) {
    if (at === partnerId) return true;
    const [row] = await db.select({ parent: partners.parentPartnerId }).from(partners).where(eq(partners.id, at));
    at = row?.parent ?? null;
  }
  return false;
}

/**
 * Changes a partner's sponsor from now on, never retroactively: a new row of sponsor history valid from now, so
 * overrides of conversions that happened before still go to the sponsor in force then. A sponsor set before
 * history was kept is written into history first, valid from the partner's sign-up, so the past keeps it.
 */
export async function setPartnerSponsor(db: Db, input: SetSponsorInput) {
  const now = input.now ?? new Date();
  if (input.sponsorId === input.partnerId) throw new DomainError("BAD_REQUEST", "A partner cannot sponsor themselves", "sponsorId");
  return db.transaction(async (tx) => {
    const [partner] = await tx.select({ id: partners.id, parent: partners.parentPartnerId, createdAt: partners.createdAt }).from(partners).where(eq(partners.id, input.partnerId)).for("update");
    if (!partner) throw new DomainError("NOT_FOUND", "Partner not found");
    if (input.sponsorId) {
      const [sponsor] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, input.sponsorId));
      if (!sponsor) throw new DomainError("NOT_FOUND", "Sponsor not found", "sponsorId");
      if (await wouldLoop(tx, partner.id, input.sponsorId)) throw new DomainError("BAD_REQUEST", "That partner is this partner's own sub-affiliate", "sponsorId");
    }
    if (partner.parent === input.sponsorId) return { partnerId: partner.id, sponsorId: input.sponsorId, changed: false };
    const history = await tx.select({ id: partnerSponsors.id }).from(partnerSponsors).where(eq(partnerSponsors.partnerId, partner.id)).limit(1);
    if (history.length === 0 && partner.parent) {
      await tx.insert(partnerSponsors).values({ id: newId("partnerSponsor", partner.createdAt.getTime()), partnerId: partner.id, sponsorId: partner.parent, validFrom: partner.createdAt, reason: "sponsor before history was kept", actorId: null, createdAt: now });
    }
    await tx.insert(partnerSponsors).values({ id: newId("partnerSponsor", now.getTime()), partnerId: partner.id, sponsorId: input.sponsorId, validFrom: now, reason: input.reason?.trim() || null, actorId: input.actorId, createdAt: now });
    await tx.update(partners).set({ parentPartnerId: input.sponsorId }).where(eq(partners.id, partner.id));
    return { partnerId: partner.id, sponsorId: input.sponsorId, changed: true };
  });
}
