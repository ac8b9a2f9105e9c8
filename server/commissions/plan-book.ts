import { asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { commissionPlans, commissionPlanVersions, planAssignments } from "@/db/schema";
import { describeTerms, fromStoredTerms } from "./plans/stored";
import type { PlanTerms } from "./plans/types";

export type ResolvedPlan = {
  planId: string;
  planName: string;
  versionId: string;
  version: number;
  terms: PlanTerms;
  /** Which assignment chose it, in words: "assigned to the partner for this offer", "the offer's default". */
  scope: string;
};

/** How accrual finds a program's plan book: from the database, or (a what-if) with some partners pinned to other terms. */
export type BookSource = (db: DbOrTx, programId: string) => Promise<PlanBook>;

type Assignment = { partnerId: string | null; offerId: string | null; planId: string; effectiveFrom: Date };
type Version = { id: string; version: number; effectiveFrom: Date; terms: PlanTerms };

const SCOPES = [
  { partner: true, offer: true, words: "assigned to the partner for this offer" },
  { partner: true, offer: false, words: "assigned to the partner for every offer" },
  { partner: false, offer: true, words: "the offer's default" },
  { partner: false, offer: false, words: "the program's default" },
] as const;

/**
 * A program's plans, versions and assignments in memory, to answer "which plan version paid this partner on
 * this offer at this moment" without a query per question (accrual asks it per credited partner, the
 * simulator per conversion).
 *
 * The most specific scope that has an assignment in force wins: the partner on the offer, then the partner on
 * every offer, then the offer's default, then the program's. Within it, the latest assignment whose
 * `effectiveFrom` is not after the moment; then the plan's latest version in force at that moment, or its first
 * version for a moment before the plan had any (a late postback for an event older than the plan).
 */
export class PlanBook {
  private constructor(
    private readonly assignments: Assignment[],
    private readonly versions: Map<string, Version[]>,
    private readonly names: Map<string, string>,
    private readonly pins: { partnerIds: ReadonlySet<string>; plan: ResolvedPlan; offerId: string | null } | null = null,
  ) {}

  /**
   * The same book, except that the given partners are priced by `plan` on one offer (or, with `offerId` null, on
   * every offer) at every moment, as if it had been assigned to each of them there before the period (the plan
   * what-if).
   */
  pin(partnerIds: ReadonlySet<string>, plan: ResolvedPlan, offerId: string | null = null): PlanBook {
    return new PlanBook(this.assignments, this.versions, this.names, { partnerIds, plan, offerId });
  }

  static async load(db: DbOrTx, programId: string): Promise<PlanBook> {
    const [assignments, plans] = await Promise.all([
      db
        .select({ partnerId: planAssignments.partnerId, offerId: planAssignments.offerId, planId: planAssignments.planId, effectiveFrom: planAssignments.effectiveFrom })
        .from(planAssignments)
        .where(eq(planAssignments.programId, programId))
        .orderBy(asc(planAssignments.effectiveFrom), asc(planAssignments.id)),
      db.select({ id: commissionPlans.id, name: commissionPlans.name }).from(commissionPlans).where(eq(commissionPlans.programId, programId)),
    ]);
    const rows =
      plans.length === 0
        ? []
        : await db
            .select({ id: commissionPlanVersions.id, planId: commissionPlanVersions.planId, version: commissionPlanVersions.version, effectiveFrom: commissionPlanVersions.effectiveFrom, terms: commissionPlanVersions.terms })
            .from(commissionPlanVersions)
            .where(inArray(commissionPlanVersions.planId, plans.map((p) => p.id)))
            .orderBy(asc(commissionPlanVersions.version));
    const versions = new Map<string, Version[]>();
    for (const r of rows) {
      const list = versions.get(r.planId) ?? [];
      list.push({ id: r.id, version: r.version, effectiveFrom: r.effectiveFrom, terms: fromStoredTerms(r.terms) });
      versions.set(r.planId, list);
    }
    return new PlanBook(assignments, versions, new Map(plans.map((p) => [p.id, p.name])));
  }

  /** Whether any plan version (or the pinned plan) has terms that pass `test`. */
  someTerms(test: (terms: PlanTerms) => boolean): boolean {
    if (this.pins && test(this.pins.plan.terms)) return true;
    for (const list of this.versions.values()) if (list.some((v) => test(v.terms))) return true;
    return false;
  }

  /** Whether any plan prices by more than the event type (an amount, lots, an instrument): flat CPAs do not. */
  pricesByEventFacts(): boolean {
    for (const list of this.versions.values()) for (const v of list) if (Object.keys(v.terms.components).some((k) => k !== "cpa" && k !== "multiTier")) return true;
    return false;
  }

  /** Whether no assignment or version takes effect after `from`: then the answer for a partner and offer is the same at any later moment. */
  unchangedSince(from: Date): boolean {
    if (this.pins) return false;
    const t = from.getTime();
    if (this.assignments.some((a) => a.effectiveFrom.getTime() > t)) return false;
    for (const list of this.versions.values()) if (list.some((v) => v.effectiveFrom.getTime() > t)) return false;
    return true;
  }

  resolve(partnerId: string, offerId: string, at: Date): ResolvedPlan | null {
    if (this.pins?.partnerIds.has(partnerId) && (this.pins.offerId === null || this.pins.offerId === offerId)) return this.pins.plan;
    const t = at.getTime();
    for (const scope of SCOPES) {
      let chosen: Assignment | undefined;
      for (const a of this.assignments) {
        if (a.effectiveFrom.getTime() > t) break;
        const partnerOk = scope.partner ? a.partnerId === partnerId : a.partnerId === null;
        const offerOk = scope.offer ? a.offerId === offerId : a.offerId === null;
        if (partnerOk && offerOk) chosen = a;
      }
      if (!chosen) continue;
      const list = this.versions.get(chosen.planId) ?? [];
      let version = list[0];
      for (const v of list) if (v.effectiveFrom.getTime() <= t) version = v;
      if (!version) continue;
      return { planId: chosen.planId, planName: this.names.get(chosen.planId) ?? chosen.planId, versionId: version.id, version: version.version, terms: version.terms, scope: scope.words };
    }
    return null;
  }
}

/**
 * What each offer pays, in words, for one partner (their own assignments count) or, with `partnerId` null,
 * for a partner with no assignment of their own: the offer's default terms.
 */
export async function offerTermsFor(db: DbOrTx, offerRows: readonly { id: string; programId: string }[], partnerId: string | null, at = new Date()): Promise<Map<string, { planName: string; summary: string[] } | null>> {
  const books = new Map<string, PlanBook>();
  for (const p of new Set(offerRows.map((o) => o.programId))) books.set(p, await PlanBook.load(db, p));
  return new Map(
    offerRows.map((o) => {
      const plan = books.get(o.programId)?.resolve(partnerId ?? "", o.id, at) ?? null;
      return [o.id, plan && { planName: plan.planName, summary: describeTerms(plan.terms) }];
    }),
  );
}
