import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { offerGroups, offers, partnerGroupMembers, partnerGroups, partners } from "@/db/schema";
import { assignPlan } from "@/server/commissions/manage-plans";
import { DomainError, isUniqueViolation } from "@/server/errors";
import { ensureLinks } from "@/server/offers/ensure-links";

/** Every group with its member count, by name. */
export async function listGroups(db: DbOrTx) {
  const rows = await db
    .select({ id: partnerGroups.id, name: partnerGroups.name, description: partnerGroups.description, createdAt: partnerGroups.createdAt, members: count(partnerGroupMembers.partnerId) })
    .from(partnerGroups)
    .leftJoin(partnerGroupMembers, eq(partnerGroupMembers.groupId, partnerGroups.id))
    .groupBy(partnerGroups.id)
    .orderBy(asc(partnerGroups.name));
  return rows;
}

export async function saveGroup(db: DbOrTx, input: { groupId?: string; name: string; description?: string }) {
  const values = { name: input.name.trim(), description: input.description?.trim() || null };
  try {
    if (input.groupId) {
      const [row] = await db.update(partnerGroups).set(values).where(eq(partnerGroups.id, input.groupId)).returning({ id: partnerGroups.id });
      if (!row) throw new DomainError("NOT_FOUND", "Group not found");
      return { groupId: row.id };
    }
    const groupId = newId("partnerGroup");
    await db.insert(partnerGroups).values({ id: groupId, ...values });
    return { groupId };
  } catch (err) {
    if (isUniqueViolation(err, "partner_groups_name_uq")) throw new DomainError("CONFLICT", "Another group has this name", "name");
    throw err;
  }
}

/** Deletes a group; its memberships and offer visibility rows go with it (plans already assigned stay). */
export async function deleteGroup(db: DbOrTx, groupId: string) {
  const [row] = await db.delete(partnerGroups).where(eq(partnerGroups.id, groupId)).returning({ id: partnerGroups.id });
  if (!row) throw new DomainError("NOT_FOUND", "Group not found");
  return { groupId: row.id };
}

async function requireGroups(db: DbOrTx, groupIds: string[]) {
  const ids = [...new Set(groupIds)];
  if (ids.length === 0) return ids;
  const found = await db.select({ id: partnerGroups.id }).from(partnerGroups).where(inArray(partnerGroups.id, ids));
  if (found.length !== ids.length) throw new DomainError("BAD_REQUEST", "One of the groups no longer exists; reload the page", "groupIds");
  return ids;
}

/** The partner's groups become exactly `groupIds`; an approved partner gets links to the group offers now visible. */
export async function setPartnerGroups(db: Db, input: { partnerId: string; groupIds: string[] }) {
  return db.transaction(async (tx) => {
    const [partner] = await tx.select({ id: partners.id, status: partners.status }).from(partners).where(eq(partners.id, input.partnerId));
    if (!partner) throw new DomainError("NOT_FOUND", "Partner not found");
    const ids = await requireGroups(tx, input.groupIds);
    await tx.delete(partnerGroupMembers).where(eq(partnerGroupMembers.partnerId, partner.id));
    if (ids.length > 0) await tx.insert(partnerGroupMembers).values(ids.map((groupId) => ({ groupId, partnerId: partner.id })));
    if (partner.status === "approved") await ensureLinks(tx, partner.id);
    return { groupIds: ids };
  });
}

/** The groups a partner belongs to, by name. */
export async function groupsOf(db: DbOrTx, partnerId: string) {
  return db
    .select({ id: partnerGroups.id, name: partnerGroups.name })
    .from(partnerGroupMembers)
    .innerJoin(partnerGroups, eq(partnerGroups.id, partnerGroupMembers.groupId))
    .where(eq(partnerGroupMembers.partnerId, partnerId))
    .orderBy(asc(partnerGroups.name));
}

/**
 * The groups an offer with visibility "groups" is shown to become exactly `groupIds`. Approved members get a
 * link to it (when it enrols automatically), as an approved access request does.
 */
export async function setOfferGroups(db: Db, input: { offerId: string; groupIds: string[] }) {
  return db.transaction(async (tx) => {
    const [offer] = await tx.select({ id: offers.id }).from(offers).where(eq(offers.id, input.offerId));
    if (!offer) throw new DomainError("NOT_FOUND", "Offer not found");
    const ids = await requireGroups(tx, input.groupIds);
    await tx.delete(offerGroups).where(eq(offerGroups.offerId, offer.id));
    if (ids.length > 0) {
      await tx.insert(offerGroups).values(ids.map((groupId) => ({ offerId: offer.id, groupId })));
      const members = await tx
        .selectDistinct({ id: partners.id })
        .from(partnerGroupMembers)
        .innerJoin(partners, eq(partners.id, partnerGroupMembers.partnerId))
        .where(and(inArray(partnerGroupMembers.groupId, ids), eq(partners.status, "approved")));
      for (const m of members) await ensureLinks(tx, m.id);
    }
    return { groupIds: ids };
  });
}

export async function groupsOfOffer(db: DbOrTx, offerId: string) {
  const rows = await db.select({ groupId: offerGroups.groupId }).from(offerGroups).where(eq(offerGroups.offerId, offerId));
  return rows.map((r) => r.groupId);
}

export type AssignGroupPlanInput = { programId: string; planId: string; groupId: string; offerId: string | null; effectiveFrom?: Date; note: string; actorId: string | null; now?: Date };

/**
 * Assigns a plan to every current member of a group, one partner assignment each (so the plan history of each
 * partner shows it, and a later member change does not rewrite what was paid). All or nothing.
 */
export async function assignPlanToGroup(db: Db, input: AssignGroupPlanInput) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [group] = await tx.select({ id: partnerGroups.id, name: partnerGroups.name }).from(partnerGroups).where(eq(partnerGroups.id, input.groupId));
    if (!group) throw new DomainError("NOT_FOUND", "Group not found", "groupId");
    const members = await tx.select({ partnerId: partnerGroupMembers.partnerId }).from(partnerGroupMembers).where(and(eq(partnerGroupMembers.groupId, group.id)));
    if (members.length === 0) throw new DomainError("BAD_REQUEST", `${group.name} has no members yet: add partners to it first`, "groupId");
    for (const m of members) {
      await assignPlan(tx, { programId: input.programId, planId: input.planId, partnerId: m.partnerId, offerId: input.offerId, effectiveFrom: input.effectiveFrom ?? now, note: input.note, actorId: input.actorId, now });
    }
    return { assigned: members.length };
  });
}
