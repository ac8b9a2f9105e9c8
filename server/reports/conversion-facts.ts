import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";
import type { FoldedFact } from "@/db/schema";
import { REVERSING_EVENTS } from "@/server/shared/conversion-events";
import { statusOf } from "@/server/commissions/commission-status";
import { ATTRIBUTES, ATTRIBUTE_NAMES } from "./grains";

type ClickDims = { click_partner_id: string | null; link_id: string | null } & Record<string, string | null>;
type ConversionRow = ClickDims & {
  id: string;
  program_id: string;
  offer_id: string;
  partner_id: string | null;
  event: string;
  amount: number | string | null;
  currency: string | null;
  day: string;
  fraud_status: string;
};
type CommissionRow = ClickDims & {
  id: string;
  conversion_id: string | null;
  program_id: string;
  offer_id: string;
  partner_id: string;
  amount: number | string;
  currency: string;
  event: string | null;
  day: string;
  last_type: string | null;
};

const clickColumns = `k.partner_id as click_partner_id, k.link_id, ${Object.entries(ATTRIBUTES)
  .map(([name, column]) => `k.${column}::text as ${name}`)
  .join(", ")}`;
/** The date of an instant in the program's time zone (`g` is the program), as YYYY-MM-DD. */
const dayOf = (column: string) => `to_char((${column} at time zone g.time_zone)::date, 'YYYY-MM-DD') as day`;

/** Click dimensions count for a fact only when the click is the same partner's (an upline's override or a
 * conversion credited to another partner's click has no link or sub-IDs of its own). */
function clickDims(row: ClickDims, partnerId: string): { linkId: string; attrs: Record<string, string> } {
  if (!row.link_id || row.click_partner_id !== partnerId) return { linkId: "", attrs: {} };
  const attrs: Record<string, string> = {};
  for (const a of ATTRIBUTE_NAMES) if (row[a]) attrs[a] = row[a];
  return { linkId: row.link_id, attrs };
}

const blank = { conversions: 0, revenue: 0, commissionPending: 0, commissionApproved: 0, commissionPaid: 0, commissionReversed: 0 };
const reversing = new Set<string>(REVERSING_EVENTS);

/**
 * What each entity (a conversion with its commissions, or a commission without a conversion) contributes to the
 * rollups now, from raw data. Conversions rejected as fraud count nothing; refunds and chargebacks subtract their
 * amount from revenue. Commissions sit in the bucket of their current status (rejected ones in none), on the day
 * their conversion occurred (in the program's time zone), under the partner they belong to.
 */
export async function conversionFacts(tx: DbOrTx, entities: readonly string[]): Promise<Map<string, FoldedFact[]>> {
  const facts = new Map<string, FoldedFact[]>(entities.map((e) => [e, []]));
  if (entities.length === 0) return facts;
  const ids = JSON.stringify(entities);
  const conversions = rowsOf<ConversionRow>(
    await tx.execute(sql`
      select cv.id, cv.program_id, cv.offer_id, cv.partner_id, cv.event, cv.amount, cv.currency, cv.fraud_status, ${sql.raw(dayOf("cv.occurred_at"))}, ${sql.raw(clickColumns)}
      from conversions cv join programs g on g.id = cv.program_id left join clicks k on k.id = cv.click_id
      where cv.id in (select jsonb_array_elements_text(${ids}::jsonb))`),
  );
  for (const cv of conversions) {
    if (cv.fraud_status === "rejected") continue;
    const partnerId = cv.partner_id ?? "";
    const amount = Number(cv.amount ?? 0);
    facts.get(cv.id)?.push({
      ...blank,
      day: cv.day,
      programId: cv.program_id,
      offerId: cv.offer_id,
      partnerId,
      ...clickDims(cv, partnerId),
      event: cv.event,
      currency: cv.currency ?? "",
      conversions: 1,
      revenue: reversing.has(cv.event) ? -amount : amount,
    });
  }
  const commissions = rowsOf<CommissionRow>(
    await tx.execute(sql`
      select c.id, c.conversion_id, o.program_id, c.offer_id, c.partner_id, c.amount, c.currency::text as currency, cv.event,
        ${sql.raw(dayOf("coalesce(cv.occurred_at, c.created_at)"))},
        (select le.type from ledger_entries le where le.commission_id = c.id order by le.seq desc limit 1) as last_type,
        ${sql.raw(clickColumns)}
      from commissions c join offers o on o.id = c.offer_id join programs g on g.id = o.program_id
        left join conversions cv on cv.id = c.conversion_id
        left join clicks k on k.id = cv.click_id
      where c.conversion_id in (select jsonb_array_elements_text(${ids}::jsonb))
         or (c.conversion_id is null and c.id in (select jsonb_array_elements_text(${ids}::jsonb)))`),
  );
  for (const c of commissions) {
    const status = statusOf((c.last_type ?? "accrual") as Parameters<typeof statusOf>[0]);
    if (status === "rejected") continue;
    const amount = Number(c.amount);
    const field = ({ pending: "commissionPending", approved: "commissionApproved", paid: "commissionPaid", reversed: "commissionReversed" } as const)[status];
    facts.get(c.conversion_id ?? c.id)?.push({
      ...blank,
      day: c.day,
      programId: c.program_id,
      offerId: c.offer_id,
      partnerId: c.partner_id,
      ...clickDims(c, c.partner_id),
      event: c.event ?? "settlement",
      currency: c.currency,
      [field]: amount,
    });
  }
  return facts;
}
