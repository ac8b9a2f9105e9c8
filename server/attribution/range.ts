import { and, asc, eq, gte, inArray, lt, ne, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversions, offers } from "@/db/schema";
import { PlanBook } from "@/server/commissions/plan-book";
import { fromStoredRules } from "@/server/commissions/plans/stored";
import type { QualificationRules } from "@/server/commissions/plans/types";
import { databaseContext, priceShares, type ConversionFacts } from "@/server/commissions/quote";
import type { Decision } from "./decide";

export type RangeInput = { programId: string; from: Date; to: Date; offerId?: string | null };

/** Decided conversions of a program that happened in [from, to), oldest first; imported history is never re-attributed. */
export async function conversionIdsInRange(db: DbOrTx, r: RangeInput): Promise<{ id: string; event: string; offerId: string }[]> {
  return db
    .select({ id: conversions.id, event: conversions.event, offerId: conversions.offerId })
    .from(conversions)
    .where(
      and(
        eq(conversions.programId, r.programId),
        gte(conversions.occurredAt, r.from),
        lt(conversions.occurredAt, r.to),
        ne(conversions.attributionStatus, "pending"),
        isNull(conversions.importId),
        r.offerId ? eq(conversions.offerId, r.offerId) : undefined,
      ),
    )
    .orderBy(asc(conversions.occurredAt), asc(conversions.id));
}

/** What pricing a program's conversions needs once per run: its plans, and each offer's qualification rules. */
export type Pricing = { book: PlanBook; offers: Map<string, { currency: string; rules: QualificationRules }> };

export async function loadPricing(db: DbOrTx, programId: string): Promise<Pricing> {
  const [book, rows] = await Promise.all([
    PlanBook.load(db, programId),
    db.select({ id: offers.id, currency: offers.currency, qualification: offers.qualification }).from(offers).where(eq(offers.programId, programId)),
  ]);
  return { book, offers: new Map(rows.map((r) => [r.id, { currency: r.currency, rules: fromStoredRules(r.qualification) }])) };
}

/** The facts of conversions by id, for pricing. */
export async function conversionFacts(db: DbOrTx, ids: string[]): Promise<Map<string, ConversionFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: conversions.id, programId: conversions.programId, offerId: conversions.offerId, event: conversions.event, txnId: conversions.txnId, amount: conversions.amount, currency: conversions.currency, occurredAt: conversions.occurredAt, customerId: conversions.customerId, params: conversions.params })
    .from(conversions)
    .where(inArray(conversions.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * What each partner would earn from a decision, priced exactly as accrual prices it (each partner's plan with
 * the database context, split by credit to the cent). Refunds and chargebacks earn nothing of their own.
 */
export async function sharesOf(db: DbOrTx, pricing: Pricing, decision: Decision, facts: ConversionFacts | undefined): Promise<{ partnerId: string; amount: number; currency: string; credit: number }[]> {
  const offer = facts && pricing.offers.get(facts.offerId);
  if (!facts || !offer || decision.status !== "attributed") return [];
  const { shares } = await priceShares(pricing.book, databaseContext(db, offer.rules, offer.currency), facts, decision.credits);
  return shares.map((s) => ({ partnerId: s.partnerId, amount: s.amount, currency: s.plan!.terms.currency, credit: s.credit }));
}
