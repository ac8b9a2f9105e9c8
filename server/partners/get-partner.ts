import { and, asc, count, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { clicks, commissionPlans, conversions, links, offers, partnerNotes, partnerPayoutDetails, partners, partnerSponsors, partnerStatusEvents, planAssignments, users } from "@/db/schema";
import { getBalances } from "@/server/commissions/get-balances";
import { getPartnerTerms } from "@/server/commissions/manage-plans";
import { DomainError } from "@/server/errors";
import { groupsOf } from "./groups";
import { answersOf } from "./signup-questions";
import { acceptancesOf } from "./terms";

/** Everything the admin's partner page shows, in one call. Admin only: internal notes are included. */
export async function getPartner(db: DbOrTx, partnerId: string) {
  const sponsor = alias(partners, "sponsor");
  const manager = alias(users, "manager");
  const [p] = await db
    .select({ partner: partners, email: users.email, sponsorName: sponsor.name, managerName: manager.name })
    .from(partners)
    .innerJoin(users, eq(users.id, partners.userId))
    .leftJoin(sponsor, eq(sponsor.id, partners.parentPartnerId))
    .leftJoin(manager, eq(manager.id, partners.managerUserId))
    .where(eq(partners.id, partnerId));
  if (!p) throw new DomainError("NOT_FOUND", "Partner not found");
  const other = alias(partners, "other");
  const [history, notes, sponsorRows, recruits, linkRows, plans, payout, [clickCount], [conversionCount], balances] = await Promise.all([
    db.select({ at: partnerStatusEvents.createdAt, from: partnerStatusEvents.fromStatus, to: partnerStatusEvents.toStatus, reason: partnerStatusEvents.reason, actor: users.name }).from(partnerStatusEvents).leftJoin(users, eq(users.id, partnerStatusEvents.actorId)).where(eq(partnerStatusEvents.partnerId, partnerId)).orderBy(desc(partnerStatusEvents.createdAt), desc(partnerStatusEvents.id)),
    db.select({ id: partnerNotes.id, body: partnerNotes.body, at: partnerNotes.createdAt, author: users.name }).from(partnerNotes).leftJoin(users, eq(users.id, partnerNotes.authorId)).where(eq(partnerNotes.partnerId, partnerId)).orderBy(desc(partnerNotes.createdAt), desc(partnerNotes.id)),
    // both sides: this partner's sponsors over time, and the partners whose sponsor became or stopped being this one
    db
      .select({ partnerId: partnerSponsors.partnerId, sponsorId: partnerSponsors.sponsorId, validFrom: partnerSponsors.validFrom, reason: partnerSponsors.reason, partnerName: partners.name, sponsorName: other.name })
      .from(partnerSponsors)
      .innerJoin(partners, eq(partners.id, partnerSponsors.partnerId))
      .leftJoin(other, eq(other.id, partnerSponsors.sponsorId))
      .where(or(eq(partnerSponsors.partnerId, partnerId), eq(partnerSponsors.sponsorId, partnerId)))
      .orderBy(desc(partnerSponsors.validFrom), desc(partnerSponsors.id)),
    db.select({ id: partners.id, name: partners.name, status: partners.status, createdAt: partners.createdAt }).from(partners).where(eq(partners.parentPartnerId, partnerId)).orderBy(asc(partners.name)),
    db.select({ id: links.id, code: links.code, alias: links.alias, label: links.label, status: links.status, offerName: offers.name }).from(links).innerJoin(offers, eq(offers.id, links.offerId)).where(eq(links.partnerId, partnerId)).orderBy(asc(offers.name), asc(links.createdAt)),
    // the partner's own assignments and the defaults that apply to everyone, newest first
    db
      .select({ id: planAssignments.id, planName: commissionPlans.name, offerName: offers.name, effectiveFrom: planAssignments.effectiveFrom, note: planAssignments.note, ownAssignment: sql<boolean>`${planAssignments.partnerId} is not null`, by: users.name })
      .from(planAssignments)
      .innerJoin(commissionPlans, eq(commissionPlans.id, planAssignments.planId))
      .leftJoin(offers, eq(offers.id, planAssignments.offerId))
      .leftJoin(users, eq(users.id, planAssignments.createdBy))
      .where(or(eq(planAssignments.partnerId, partnerId), isNull(planAssignments.partnerId)))
      .orderBy(desc(planAssignments.effectiveFrom), desc(planAssignments.id)),
    db.select({ method: partnerPayoutDetails.method, updatedAt: partnerPayoutDetails.updatedAt }).from(partnerPayoutDetails).where(eq(partnerPayoutDetails.partnerId, partnerId)),
    db.select({ n: count() }).from(clicks).where(eq(clicks.partnerId, partnerId)),
    db.select({ n: count() }).from(conversions).where(and(eq(conversions.partnerId, partnerId), inArray(conversions.attributionStatus, ["attributed"]))),
    getBalances(db, partnerId),
  ]);
  const [groups, answers, termsAccepted, terms] = await Promise.all([groupsOf(db, partnerId), answersOf(db, partnerId), acceptancesOf(db, partnerId), getPartnerTerms(db, partnerId)]);
  return {
    ...p.partner,
    email: p.email,
    sponsorName: p.sponsorName,
    managerName: p.managerName,
    statusHistory: history,
    notes,
    sponsorHistory: sponsorRows.map((r) => ({ ...r, side: r.partnerId === partnerId ? ("own" as const) : ("recruit" as const) })),
    subAffiliates: recruits,
    links: linkRows,
    planHistory: plans,
    /** Per active offer: the plan that pays this partner now, its version, why (scope) and its terms in words. */
    plansNow: terms.current,
    groups,
    answers,
    termsAccepted,
    payoutDetails: payout[0] ?? null,
    counts: { clicks: clickCount?.n ?? 0, conversions: conversionCount?.n ?? 0, earnings: balances },
  };
}
