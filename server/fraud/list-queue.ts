import { and, asc, count, desc, eq, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversions, fraudChecks, offers, partners, type StoredFraudAction } from "@/db/schema";
import type { ReasonCode } from "./rules/types";
import type { QueueView } from "./schemas";


export type QueueFilter = {
  programId: string;
  view?: QueueView;
  partnerId?: string;
  offerId?: string;
  action?: StoredFraudAction;
  /** Only checks with a hit of this rule. */
  code?: ReasonCode;
  limit: number;
  offset: number;
};

const openAppeal = sql`exists (select 1 from fraud_appeals a where a.check_id = ${fraudChecks.id} and a.status = 'open')`;

/**
 * The review queue. `open` is what waits for an admin: flagged and held conversions not yet decided, and any
 * conversion (even one the rules rejected) whose partner sent an appeal that has no answer yet. Open items
 * come oldest first, so nothing waits forever; decided ones newest first.
 */
export async function listQueue(db: DbOrTx, f: QueueFilter) {
  const view = f.view ?? "open";
  const where: (SQL | undefined)[] = [eq(fraudChecks.programId, f.programId)];
  if (view === "open") where.push(or(eq(fraudChecks.reviewStatus, "open"), openAppeal));
  if (view === "appealed") where.push(openAppeal);
  if (view === "cleared" || view === "rejected") where.push(eq(fraudChecks.reviewStatus, view));
  if (f.partnerId) where.push(eq(fraudChecks.partnerId, f.partnerId));
  if (f.offerId) where.push(eq(fraudChecks.offerId, f.offerId));
  if (f.action) where.push(eq(fraudChecks.action, f.action));
  if (f.code) where.push(sql`${fraudChecks.hits} @> ${JSON.stringify([{ code: f.code }])}::jsonb`);
  const cond = and(...where);
  const order = view === "open" || view === "appealed" ? [asc(fraudChecks.createdAt), asc(fraudChecks.id)] : [desc(fraudChecks.createdAt), desc(fraudChecks.id)];
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: fraudChecks.id,
        conversionId: fraudChecks.conversionId,
        partnerId: fraudChecks.partnerId,
        partnerName: partners.name,
        offerId: fraudChecks.offerId,
        offerName: offers.name,
        score: fraudChecks.score,
        action: fraudChecks.action,
        hits: fraudChecks.hits,
        reviewStatus: fraudChecks.reviewStatus,
        decidedBy: fraudChecks.decidedBy,
        decidedAt: fraudChecks.decidedAt,
        createdAt: fraudChecks.createdAt,
        event: conversions.event,
        txnId: conversions.txnId,
        amount: conversions.amount,
        currency: conversions.currency,
        occurredAt: conversions.occurredAt,
        fraudStatus: conversions.fraudStatus,
        clickIp: sql<string | null>`${fraudChecks.facts}->'click'->>'ip'`,
        ctitSeconds: sql<number | null>`(${fraudChecks.facts}->>'ctitSeconds')::float8`,
        openAppeal: sql<boolean>`${openAppeal}`,
      })
      .from(fraudChecks)
      .innerJoin(conversions, eq(conversions.id, fraudChecks.conversionId))
      .innerJoin(partners, eq(partners.id, fraudChecks.partnerId))
      .innerJoin(offers, eq(offers.id, fraudChecks.offerId))
      .where(cond)
      .orderBy(...order)
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(fraudChecks).where(cond),
  ]);
  return { total: total?.n ?? 0, items: rows.map((r) => ({ ...r, ctitSeconds: r.ctitSeconds === null ? null : Number(r.ctitSeconds) })) };
}
