import { and, asc, eq, gte, lt, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversions, offers } from "@/db/schema";
import { commissionTotal } from "@/server/commissions/accrue-commission";
import { splitAmount } from "./split";
import type { Decision } from "./decide";

export type RangeInput = { programId: string; from: Date; to: Date; offerId?: string | null };

/** Decided conversions of a program that happened in [from, to), oldest first. */
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
        r.offerId ? eq(conversions.offerId, r.offerId) : undefined,
      ),
    )
    .orderBy(asc(conversions.occurredAt), asc(conversions.id));
}

export type OfferTerms = { commissionEvent: string; cpaAmount: number; currency: string };

export async function offerTerms(db: DbOrTx, programId: string): Promise<Map<string, OfferTerms>> {
  const rows = await db
    .select({ id: offers.id, commissionEvent: offers.commissionEvent, cpaAmount: offers.cpaAmount, currency: offers.currency })
    .from(offers)
    .where(eq(offers.programId, programId));
  return new Map(rows.map((r) => [r.id, r]));
}

/** What each partner would earn from a decision: the offer's commission split by credit, to the cent. */
export function sharesOf(decision: Decision, event: string, terms: OfferTerms | undefined): { partnerId: string; amount: number; credit: number }[] {
  if (!terms || decision.status !== "attributed") return [];
  const earned = commissionTotal(event, terms);
  const credit = new Map(decision.credits.map((c) => [c.partnerId, c.credit]));
  if ("reason" in earned) return decision.credits.map((c) => ({ partnerId: c.partnerId, amount: 0, credit: c.credit }));
  return splitAmount(BigInt(earned.total), decision.credits).map((s) => ({ partnerId: s.partnerId, amount: Number(s.amount), credit: credit.get(s.partnerId) ?? 0 }));
}
