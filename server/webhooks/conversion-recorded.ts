import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { commissions, conversions } from "@/db/schema";
import { emitWebhooks, money } from "./emit";

/**
 * Announces a recorded conversion once it is attributed, checked and its commissions accrued, so the message
 * names the partner and what they earn. Called from the conversion job's last step rather than the postback's
 * single insert statement (the hot path stays one round trip); the dedupe key makes a re-run of the step a no-op.
 */
export async function emitConversionRecorded(db: Db, conversionId: string, now = new Date()): Promise<number> {
  const [c] = await db.select().from(conversions).where(eq(conversions.id, conversionId));
  if (!c) return 0;
  const earned = await db
    .select({ id: commissions.id, partnerId: commissions.partnerId, amount: commissions.amount, currency: commissions.currency, kind: commissions.kind, level: commissions.level })
    .from(commissions)
    .where(eq(commissions.conversionId, conversionId))
    .orderBy(asc(commissions.id));
  const data = {
    conversion_id: c.id,
    program_id: c.programId,
    offer_id: c.offerId,
    event: c.event,
    txn_id: c.txnId,
    sale: c.amount === null || c.currency === null ? null : money(c.amount, c.currency),
    source: c.source,
    click_id: c.clickId,
    partner_id: c.partnerId,
    attribution_status: c.attributionStatus,
    fraud_status: c.fraudStatus,
    occurred_at: c.occurredAt.toISOString(),
    commissions: earned.map((k) => ({ commission_id: k.id, partner_id: k.partnerId, ...money(k.amount, k.currency), level: k.level })),
  };
  return emitWebhooks(db, [{ type: "conversion.recorded", data, dedupeKey: `conversion.recorded:${conversionId}` }], now);
}
