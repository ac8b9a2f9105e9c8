import { newId } from "@/db/ids";
import { commissions, conversions, customerBindings } from "@/db/schema";
import type { ConversionRecord } from "./records";
import { partnerMissing, resolvePartners } from "./resolve-partners";
import { insertJson } from "./insert-json";
import { importedReason, type BatchResult, type Pending, type WriteContext } from "./write-context";

/**
 * Historical conversions and their commissions, attributed to the imported partner and marked imported: they are
 * never processed (no outbox event) and the commissions have no ledger entries, so nothing is approved or paid
 * again; what the old platform still owed arrives as opening balances. A conversion that names a customer binds
 * them to its partner for life, unless they are bound already.
 */
export async function writeConversions(ctx: WriteContext, batch: Pending<ConversionRecord>[]): Promise<BatchResult> {
  const result: BatchResult = { created: [], refused: [], made: {}, balances: [] };
  const partnerIds = await resolvePartners(ctx, batch.map((p) => p.record.partnerVendorId));
  const rows = batch.filter(({ row, record }) => {
    if (partnerIds.has(record.partnerVendorId)) return true;
    result.refused.push({ row, column: "partner_id", reason: partnerMissing(record.partnerVendorId) });
    return false;
  });
  if (rows.length === 0) return result;
  const reason = importedReason(ctx.label, ctx.importId);
  const made = rows.map(({ row, record: r }) => ({ row, r, partnerId: partnerIds.get(r.partnerVendorId)!, conversionId: newId("conversion", r.occurredAt.getTime()) }));
  await insertJson(
    ctx.db,
    conversions,
    made.map((m) => ({
      id: m.conversionId,
      programId: ctx.programId,
      offerId: ctx.offerId,
      customerId: m.r.customerId,
      event: m.r.event,
      // its own namespace, so a live postback with the old platform's transaction id is not taken for a duplicate
      txnId: `import:${ctx.preset}:${m.r.vendorId}`,
      amount: m.r.amount,
      currency: m.r.currency,
      occurredAt: m.r.occurredAt,
      params: { import_id: ctx.importId, preset: ctx.preset, vendor_id: m.r.vendorId },
      attributionStatus: "attributed" as const,
      attributionReason: reason,
      partnerId: m.partnerId,
      attributedAt: m.r.occurredAt,
      commissionNote: `${reason}: paid or owed there, never paid again here`,
      importId: ctx.importId,
    })),
  );
  const paid = made.filter((m) => m.r.commission !== null && m.r.commission !== 0);
  if (paid.length) {
    await insertJson(
      ctx.db,
      commissions,
      paid.map((m) => ({
        id: newId("commission"),
        conversionId: m.conversionId,
        partnerId: m.partnerId,
        offerId: ctx.offerId,
        amount: m.r.commission!,
        currency: m.r.currency,
        lines: [{ component: reason, basis: "the commission the old platform computed", amount: m.r.commission! }],
        occurredAt: m.r.occurredAt,
        importId: ctx.importId,
      })),
    );
  }
  const bindings = new Map<string, (typeof made)[number]>();
  for (const m of made) if (m.r.customerId && !bindings.has(m.r.customerId)) bindings.set(m.r.customerId, m);
  let bound = 0;
  if (bindings.size) {
    const inserted = await insertJson(
      ctx.db,
      customerBindings,
      [...bindings.values()].map((m) => ({ programId: ctx.programId, customerId: m.r.customerId!, partnerId: m.partnerId, offerId: ctx.offerId, conversionId: m.conversionId, importId: ctx.importId, createdAt: m.r.occurredAt })),
      { onConflictDoNothing: true, returning: "customerId" },
    );
    bound = inserted.length;
  }
  result.created = made.map((m) => ({ row: m.row, vendorId: m.r.vendorId, targetId: m.conversionId }));
  result.made = { conversions: made.length, commissions: paid.length, customer_bindings: bound };
  return result;
}
