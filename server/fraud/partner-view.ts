import { and, asc, count, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { commissions, conversions, fraudAppeals, fraudChecks, offers } from "@/db/schema";
import { DomainError, isUniqueViolation } from "@/server/errors";
import { partnerReasons } from "./labels";

/** What a partner is told: held or rejected, and the reason categories. Flags are internal warnings and stay silent. */
const SHOWN = ["held", "rejected"] as const;
type Shown = (typeof SHOWN)[number];
const isShown = (s: string): s is Shown => (SHOWN as readonly string[]).includes(s);

/** The partner's part in a conversion: credited, or paid a commission on it (an override, a shared credit). */
const involves = (partnerId: string) =>
  or(eq(fraudChecks.partnerId, partnerId), sql`exists (select 1 from ${commissions} c where c.conversion_id = ${fraudChecks.conversionId} and c.partner_id = ${partnerId})`);

async function findCheck(db: DbOrTx, partnerId: string, conversionId: string) {
  const [row] = await db
    .select({ id: fraudChecks.id, hits: fraudChecks.hits, reviewStatus: fraudChecks.reviewStatus, fraudStatus: conversions.fraudStatus })
    .from(fraudChecks)
    .innerJoin(conversions, eq(conversions.id, fraudChecks.conversionId))
    .where(and(eq(fraudChecks.conversionId, conversionId), involves(partnerId)));
  return row;
}

/**
 * A conversion's review as its partner sees it: the status, the reason categories (never the rule, threshold
 * or evidence) and their appeals. Null when there is nothing to tell (no check, or the conversion is clear).
 */
export async function getPartnerReview(db: DbOrTx, partnerId: string, conversionId: string) {
  const check = await findCheck(db, partnerId, conversionId);
  if (!check) return null;
  const appeals = await db
    .select({ id: fraudAppeals.id, message: fraudAppeals.message, status: fraudAppeals.status, reply: fraudAppeals.reply, repliedAt: fraudAppeals.repliedAt, createdAt: fraudAppeals.createdAt })
    .from(fraudAppeals)
    .where(and(eq(fraudAppeals.conversionId, conversionId), eq(fraudAppeals.partnerId, partnerId)))
    .orderBy(asc(fraudAppeals.createdAt));
  const status = isShown(check.fraudStatus) ? check.fraudStatus : null;
  if (!status && appeals.length === 0) return null;
  return {
    status,
    reasons: status ? partnerReasons(check.hits) : [],
    appeals,
    canAppeal: status !== null && !appeals.some((a) => a.status === "open"),
  };
}

/** The partner's held and rejected conversions, newest first, with the reason categories. */
export async function listPartnerReviews(db: DbOrTx, partnerId: string, input: { limit: number; offset: number }) {
  const where = and(involves(partnerId), inArray(conversions.fraudStatus, [...SHOWN]));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        conversionId: conversions.id,
        event: conversions.event,
        txnId: conversions.txnId,
        occurredAt: conversions.occurredAt,
        offerName: offers.name,
        fraudStatus: conversions.fraudStatus,
        hits: fraudChecks.hits,
        openAppeal: sql<boolean>`exists (select 1 from ${fraudAppeals} a where a.conversion_id = ${conversions.id} and a.partner_id = ${partnerId} and a.status = 'open')`,
      })
      .from(fraudChecks)
      .innerJoin(conversions, eq(conversions.id, fraudChecks.conversionId))
      .innerJoin(offers, eq(offers.id, conversions.offerId))
      .where(where)
      .orderBy(desc(conversions.occurredAt), desc(conversions.id))
      .limit(input.limit)
      .offset(input.offset),
    db.select({ n: count() }).from(fraudChecks).innerJoin(conversions, eq(conversions.id, fraudChecks.conversionId)).where(where),
  ]);
  return {
    total: total?.n ?? 0,
    items: rows.map(({ hits, ...r }) => ({ ...r, status: r.fraudStatus as Shown, reasons: partnerReasons(hits) })),
  };
}

/** A partner contests a held or rejected conversion; the appeal lands in the admin's fraud queue. */
export async function createAppeal(db: Db, input: { partnerId: string; conversionId: string; message: string; now?: Date }) {
  const check = await findCheck(db, input.partnerId, input.conversionId);
  // Someone else's conversion is indistinguishable from a missing one.
  if (!check) throw new DomainError("NOT_FOUND", "Conversion not found");
  if (!isShown(check.fraudStatus)) throw new DomainError("BAD_REQUEST", "Only a held or rejected conversion can be appealed");
  try {
    const [appeal] = await db
      .insert(fraudAppeals)
      .values({ checkId: check.id, conversionId: input.conversionId, partnerId: input.partnerId, message: input.message.trim(), createdAt: input.now ?? new Date() })
      .returning({ id: fraudAppeals.id, createdAt: fraudAppeals.createdAt });
    if (!appeal) throw new Error("appeal insert returned no row");
    return appeal;
  } catch (err) {
    if (isUniqueViolation(err, "fraud_appeals_open_uq")) throw new DomainError("CONFLICT", "Your appeal is waiting for an answer; you can write again once it is answered");
    throw err;
  }
}
