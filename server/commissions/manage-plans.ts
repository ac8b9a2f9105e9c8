import { and, asc, desc, eq, inArray, isNull, max, or } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { newId } from "@/db/ids";
import { commissionPlans, commissionPlanVersions, offers, partners, planAssignments, programs } from "@/db/schema";
import { DomainError, isUniqueViolation } from "@/server/errors";
import { notify } from "@/server/notifications/notify";
import { PlanBook } from "./plan-book";
import { describeTerms, fromStoredTerms, toStoredTerms } from "./plans/stored";
import type { PlanTerms } from "./plans/types";

/** A change may start now or later, never earlier: what was earned under the old terms stays as it was. */
const SKEW_MS = 60_000;
function checkEffective(effectiveFrom: Date, now: Date) {
  if (effectiveFrom.getTime() < now.getTime() - SKEW_MS) throw new DomainError("BAD_REQUEST", "A change cannot take effect in the past; pick now or a later date", "effectiveFrom");
}

async function requirePlan(db: DbOrTx, planId: string) {
  const [plan] = await db.select().from(commissionPlans).where(eq(commissionPlans.id, planId));
  if (!plan) throw new DomainError("NOT_FOUND", "Plan not found");
  return plan;
}

export type CreatePlanInput = { programId: string; name: string; description?: string | null; terms: PlanTerms; actorId: string | null; effectiveFrom?: Date; now?: Date };

/** A new plan with its version 1. */
export async function createPlan(db: Db | Tx, input: CreatePlanInput) {
  const now = input.now ?? new Date();
  const effectiveFrom = input.effectiveFrom ?? now;
  const [program] = await db.select({ id: programs.id }).from(programs).where(eq(programs.id, input.programId));
  if (!program) throw new DomainError("NOT_FOUND", "Program not found");
  const planId = newId("plan", now.getTime());
  const write = async (tx: DbOrTx) => {
    await tx.insert(commissionPlans).values({ id: planId, programId: input.programId, name: input.name.trim(), description: input.description?.trim() || null, createdAt: now });
    await tx.insert(commissionPlanVersions).values({ id: newId("planVersion", now.getTime()), planId, version: 1, terms: toStoredTerms(input.terms), effectiveFrom, note: "First version", createdBy: input.actorId, createdAt: now });
  };
  try {
    await ("transaction" in db ? db.transaction(write) : write(db));
  } catch (err) {
    if (isUniqueViolation(err, "commission_plans_program_name_uq")) throw new DomainError("CONFLICT", "Another plan of this program has this name", "name");
    throw err;
  }
  return { planId };
}

/**
 * New terms for a plan from `effectiveFrom` on. Commissions already computed keep the version they name, and
 * conversions that happened before `effectiveFrom` are still paid by the version in force then. Partners on
 * the plan are told in the portal.
 */
export async function addPlanVersion(db: Db, input: { planId: string; terms: PlanTerms; effectiveFrom?: Date; note: string; actorId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const effectiveFrom = input.effectiveFrom ?? now;
  checkEffective(effectiveFrom, now);
  const plan = await requirePlan(db, input.planId);
  try {
    return await db.transaction(async (tx) => {
      const [last] = await tx.select({ v: max(commissionPlanVersions.version) }).from(commissionPlanVersions).where(eq(commissionPlanVersions.planId, plan.id));
      const version = (last?.v ?? 0) + 1;
      await tx.insert(commissionPlanVersions).values({ id: newId("planVersion", now.getTime()), planId: plan.id, version, terms: toStoredTerms(input.terms), effectiveFrom, note: input.note.trim(), createdBy: input.actorId, createdAt: now });
      const affected = await partnersOnPlan(tx, plan.programId, plan.id);
      await notify(
        tx,
        affected.map((partnerId) => ({
          partnerId,
          kind: "terms_changed",
          title: `Your commission terms change on ${effectiveFrom.toISOString().slice(0, 10)}`,
          body: `${plan.name}, version ${version}: ${describeTerms(input.terms).join("; ")}. ${input.note.trim()}`,
          href: "/portal/terms",
        })),
        now,
      );
      return { planId: plan.id, version };
    });
  } catch (err) {
    if (isUniqueViolation(err, "commission_plan_versions_plan_version_uq")) throw new DomainError("CONFLICT", "Someone else changed this plan at the same time; reload and try again");
    throw err;
  }
}

/** Partners whose terms a plan decides: assigned to them directly, or (for a default) every partner with a link in the program. */
async function partnersOnPlan(tx: DbOrTx, programId: string, planId: string): Promise<string[]> {
  const rows = await tx.select({ partnerId: planAssignments.partnerId }).from(planAssignments).where(and(eq(planAssignments.programId, programId), eq(planAssignments.planId, planId)));
  const direct = rows.map((r) => r.partnerId).filter((p): p is string => p !== null);
  if (rows.some((r) => r.partnerId === null)) {
    const all = await tx.select({ id: partners.id }).from(partners).where(eq(partners.status, "approved"));
    return [...new Set([...direct, ...all.map((p) => p.id)])];
  }
  return [...new Set(direct)];
}

export type AssignPlanInput = { programId: string; planId: string; partnerId: string | null; offerId: string | null; effectiveFrom?: Date; note: string; actorId: string | null; now?: Date };

/** Points a scope (partner and/or offer, or the program's default) at a plan from `effectiveFrom` on. */
export async function assignPlan(db: DbOrTx, input: AssignPlanInput) {
  const now = input.now ?? new Date();
  const effectiveFrom = input.effectiveFrom ?? now;
  if (input.actorId !== null) checkEffective(effectiveFrom, now);
  const plan = await requirePlan(db, input.planId);
  if (plan.programId !== input.programId) throw new DomainError("BAD_REQUEST", "The plan belongs to another program", "planId");
  if (input.offerId) {
    const [offer] = await db.select({ programId: offers.programId }).from(offers).where(eq(offers.id, input.offerId));
    if (!offer || offer.programId !== input.programId) throw new DomainError("NOT_FOUND", "Offer not found", "offerId");
  }
  if (input.partnerId) {
    const [partner] = await db.select({ id: partners.id }).from(partners).where(eq(partners.id, input.partnerId));
    if (!partner) throw new DomainError("NOT_FOUND", "Partner not found", "partnerId");
  }
  try {
    await db.insert(planAssignments).values({
      id: newId("planAssignment", now.getTime()),
      programId: input.programId,
      partnerId: input.partnerId,
      offerId: input.offerId,
      planId: plan.id,
      effectiveFrom,
      note: input.note.trim(),
      createdBy: input.actorId,
      createdAt: now,
    });
  } catch (err) {
    if (isUniqueViolation(err, "plan_assignments_scope_time_uq")) throw new DomainError("CONFLICT", "This scope already has an assignment starting at that moment", "effectiveFrom");
    throw err;
  }
  if (input.partnerId) {
    const [version] = await db.select({ terms: commissionPlanVersions.terms }).from(commissionPlanVersions).where(eq(commissionPlanVersions.planId, plan.id)).orderBy(desc(commissionPlanVersions.version)).limit(1);
    await notify(
      db,
      [
        {
          partnerId: input.partnerId,
          kind: "terms_changed",
          title: `New commission plan from ${effectiveFrom.toISOString().slice(0, 10)}`,
          body: `${plan.name}${version ? `: ${describeTerms(fromStoredTerms(version.terms)).join("; ")}` : ""}. ${input.note.trim()}`,
          href: "/portal/terms",
        },
      ],
      now,
    );
  }
  return { planId: plan.id };
}

/** The admin's plan list: each plan with its versions (newest first) and where it is assigned. */
export async function listPlans(db: DbOrTx, programId: string) {
  const plans = await db.select().from(commissionPlans).where(eq(commissionPlans.programId, programId)).orderBy(asc(commissionPlans.name));
  const ids = plans.map((p) => p.id);
  const [versions, assignments] = ids.length === 0 ? [[], []] : await Promise.all([
    db.select().from(commissionPlanVersions).where(inArray(commissionPlanVersions.planId, ids)).orderBy(desc(commissionPlanVersions.version)),
    db
      .select({ id: planAssignments.id, planId: planAssignments.planId, partnerId: planAssignments.partnerId, partnerName: partners.name, offerId: planAssignments.offerId, offerName: offers.name, effectiveFrom: planAssignments.effectiveFrom, note: planAssignments.note })
      .from(planAssignments)
      .leftJoin(partners, eq(partners.id, planAssignments.partnerId))
      .leftJoin(offers, eq(offers.id, planAssignments.offerId))
      .where(eq(planAssignments.programId, programId))
      .orderBy(desc(planAssignments.effectiveFrom)),
  ]);
  return plans.map((p) => ({
    ...p,
    versions: versions.filter((v) => v.planId === p.id).map((v) => ({ id: v.id, version: v.version, effectiveFrom: v.effectiveFrom, note: v.note, createdAt: v.createdAt, terms: v.terms, summary: describeTerms(fromStoredTerms(v.terms)) })),
    assignments: assignments.filter((a) => a.planId === p.id),
  }));
}

/**
 * What a partner is paid, per offer of every program they can promote: the plan in force now, its terms in
 * words, and the history of versions and assignments that concern them, newest first.
 */
export async function getPartnerTerms(db: DbOrTx, partnerId: string, now = new Date()) {
  const offerRows = await db
    .select({ id: offers.id, name: offers.name, programId: offers.programId, holdDays: offers.holdDays, currency: offers.currency })
    .from(offers)
    .where(eq(offers.status, "active"))
    .orderBy(asc(offers.name));
  const programIds = [...new Set(offerRows.map((o) => o.programId))];
  const books = new Map(await Promise.all(programIds.map(async (p) => [p, await PlanBook.load(db, p)] as const)));
  const current = offerRows.map((o) => {
    const plan = books.get(o.programId)?.resolve(partnerId, o.id, now) ?? null;
    return { offerId: o.id, offerName: o.name, holdDays: o.holdDays, plan: plan && { name: plan.planName, version: plan.version, scope: plan.scope, summary: describeTerms(plan.terms) } };
  });
  const assignments = programIds.length === 0 ? [] : await db
    .select({ planId: planAssignments.planId, planName: commissionPlans.name, offerName: offers.name, partnerId: planAssignments.partnerId, effectiveFrom: planAssignments.effectiveFrom, note: planAssignments.note })
    .from(planAssignments)
    .innerJoin(commissionPlans, eq(commissionPlans.id, planAssignments.planId))
    .leftJoin(offers, eq(offers.id, planAssignments.offerId))
    .where(and(inArray(planAssignments.programId, programIds), or(eq(planAssignments.partnerId, partnerId), isNull(planAssignments.partnerId))))
    .orderBy(desc(planAssignments.effectiveFrom));
  const relevantPlans = [...new Set(assignments.map((a) => a.planId))];
  const versions = relevantPlans.length === 0 ? [] : await db
    .select({ planName: commissionPlans.name, version: commissionPlanVersions.version, effectiveFrom: commissionPlanVersions.effectiveFrom, note: commissionPlanVersions.note, terms: commissionPlanVersions.terms })
    .from(commissionPlanVersions)
    .innerJoin(commissionPlans, eq(commissionPlans.id, commissionPlanVersions.planId))
    .where(inArray(commissionPlanVersions.planId, relevantPlans))
    .orderBy(desc(commissionPlanVersions.effectiveFrom));
  const history = [
    ...assignments.map((a) => ({ at: a.effectiveFrom, what: `${a.partnerId ? "Assigned to you" : "Default"}${a.offerName ? ` for ${a.offerName}` : " for every offer"}: ${a.planName}`, note: a.note })),
    ...versions.map((v) => ({ at: v.effectiveFrom, what: `${v.planName} version ${v.version}: ${describeTerms(fromStoredTerms(v.terms)).join("; ")}`, note: v.note })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  return { current, history };
}
