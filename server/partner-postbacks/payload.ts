import { and, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { attributions, clicks, commissions, conversions } from "@/db/schema";
import { lastEntryType, statusOf } from "@/server/commissions/commission-status";
import { minorDigits } from "@/server/money/currency";
import { CLICK_MACROS, fillTemplate } from "@/server/tracking/macros";

export const POSTBACK_MACROS = [...CLICK_MACROS, "event", "txn_id", "payout", "currency", "status", "conversion_id", "occurred_at"] as const;
const KNOWN = new Set<string>(POSTBACK_MACROS);

/** Minor units as a plain decimal string: 20000 USD -> "200.00" (exact, no floats). */
export function toDecimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = String(Math.abs(minor)).padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

export type PostbackValues = Record<(typeof POSTBACK_MACROS)[number], string | null>;

/** What a partner's tracker is told about one conversion of theirs (never another partner's data). */
export async function postbackValues(db: DbOrTx, conversionId: string, partnerId: string): Promise<PostbackValues | null> {
  const [row] = await db
    .select({
      conversionId: conversions.id,
      event: conversions.event,
      txnId: conversions.txnId,
      offerId: conversions.offerId,
      occurredAt: conversions.occurredAt,
      headline: conversions.partnerId,
      reportedClickId: conversions.clickId,
      touchpoints: attributions.touchpoints,
      credits: attributions.credits,
    })
    .from(conversions)
    .leftJoin(attributions, and(eq(attributions.conversionId, conversions.id), isNull(attributions.supersededAt)))
    .where(eq(conversions.id, conversionId));
  // Only a partner the conversion credits hears about it.
  const credited = row && (row.headline === partnerId || (row.credits ?? []).some((s) => s.partnerId === partnerId));
  if (!row || !credited) return null;
  const [commission] = await db
    .select({ amount: commissions.amount, currency: commissions.currency, last: lastEntryType })
    .from(commissions)
    .where(and(eq(commissions.conversionId, conversionId), eq(commissions.partnerId, partnerId)))
    // after a re-attribution the latest version's commission is the one that counts
    .orderBy(desc(commissions.attributionVersion))
    .limit(1);
  // The partner's own last click of the journey: never another partner's click id or sub-IDs.
  const ownTouch = (row.touchpoints ?? []).filter((t) => t.partnerId === partnerId).at(-1);
  const clickId = ownTouch?.clickId ?? (row.headline === partnerId ? row.reportedClickId : null);
  const [c] = clickId ? await db.select().from(clicks).where(and(eq(clicks.id, clickId), eq(clicks.partnerId, partnerId))) : [];
  return {
    click_id: c?.id ?? null,
    partner_id: partnerId,
    offer_id: row.offerId,
    link_id: c?.linkId ?? null,
    visitor_id: c?.visitorId ?? null,
    sub1: c?.sub1 ?? null,
    sub2: c?.sub2 ?? null,
    sub3: c?.sub3 ?? null,
    sub4: c?.sub4 ?? null,
    sub5: c?.sub5 ?? null,
    utm_source: c?.utmSource ?? null,
    utm_medium: c?.utmMedium ?? null,
    utm_campaign: c?.utmCampaign ?? null,
    utm_term: c?.utmTerm ?? null,
    utm_content: c?.utmContent ?? null,
    event: row.event,
    txn_id: row.txnId,
    payout: commission ? toDecimal(commission.amount, commission.currency) : "0",
    currency: commission?.currency ?? null,
    status: commission ? statusOf(commission.last) : "not_payable",
    conversion_id: row.conversionId,
    occurred_at: row.occurredAt.toISOString(),
  };
}

export const fillPostbackUrl = (template: string, values: PostbackValues) => fillTemplate(template, KNOWN, values);
