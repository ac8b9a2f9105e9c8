import { and, eq, inArray } from "drizzle-orm";
import { customerBindings } from "@/db/schema";
import type { CustomerRecord } from "./records";
import { partnerMissing, resolvePartners } from "./resolve-partners";
import { insertJson } from "./insert-json";
import { firstOnly, type BatchResult, type Pending, type WriteContext } from "./write-context";

/** Lifetime customer bindings: later postbacks that carry only the customer id credit the imported partner. */
export async function writeCustomers(ctx: WriteContext, batch: Pending<CustomerRecord>[]): Promise<BatchResult> {
  const result: BatchResult = { created: [], refused: [], made: {}, balances: [] };
  let rows = firstOnly(batch, (r) => [r.customerId], "customer_id", "customer", result.refused);
  const partnerIds = await resolvePartners(ctx, rows.map((p) => p.record.partnerVendorId));
  const ids = rows.map((p) => p.record.customerId);
  const bound = new Set(
    ids.length ? (await ctx.db.select({ id: customerBindings.customerId }).from(customerBindings).where(and(eq(customerBindings.programId, ctx.programId), inArray(customerBindings.customerId, ids)))).map((r) => r.id) : [],
  );
  rows = rows.filter(({ row, record: r }) => {
    if (!partnerIds.has(r.partnerVendorId)) result.refused.push({ row, column: "partner_id", reason: partnerMissing(r.partnerVendorId) });
    else if (bound.has(r.customerId)) result.refused.push({ row, column: "customer_id", reason: `customer "${r.customerId}" is already bound to a partner in this program` });
    else return true;
    return false;
  });
  if (rows.length === 0) return result;
  await insertJson(
    ctx.db,
    customerBindings,
    rows.map(({ record: r }) => ({ programId: ctx.programId, customerId: r.customerId, partnerId: partnerIds.get(r.partnerVendorId)!, offerId: ctx.offerId, conversionId: null, importId: ctx.importId, createdAt: r.createdAt ?? ctx.now })),
  );
  result.created = rows.map(({ row, record: r }) => ({ row, vendorId: r.vendorId, targetId: `${ctx.programId}:${r.customerId}` }));
  result.made = { customer_bindings: rows.length };
  return result;
}
