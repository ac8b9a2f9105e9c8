import { and, eq, inArray } from "drizzle-orm";
import { newId } from "@/db/ids";
import { coupons } from "@/db/schema";
import type { CouponRecord } from "./records";
import { partnerMissing, resolvePartners } from "./resolve-partners";
import { insertJson } from "./insert-json";
import { firstOnly, type BatchResult, type Pending, type WriteContext } from "./write-context";

/** Partners' coupon codes: a conversion that reports one is credited to its owner. */
export async function writeCoupons(ctx: WriteContext, batch: Pending<CouponRecord>[]): Promise<BatchResult> {
  const result: BatchResult = { created: [], refused: [], made: {}, balances: [] };
  let rows = firstOnly(batch, (r) => [r.code], "code", "coupon", result.refused);
  const partnerIds = await resolvePartners(ctx, rows.map((p) => p.record.partnerVendorId));
  const codes = rows.map((p) => p.record.code);
  const taken = new Set(codes.length ? (await ctx.db.select({ code: coupons.code }).from(coupons).where(and(eq(coupons.programId, ctx.programId), inArray(coupons.code, codes)))).map((r) => r.code) : []);
  rows = rows.filter(({ row, record: r }) => {
    if (!partnerIds.has(r.partnerVendorId)) result.refused.push({ row, column: "partner_id", reason: partnerMissing(r.partnerVendorId) });
    else if (taken.has(r.code)) result.refused.push({ row, column: "code", reason: `coupon "${r.code}" already exists in this program` });
    else return true;
    return false;
  });
  if (rows.length === 0) return result;
  const made = rows.map(({ row, record: r }) => ({ row, r, id: newId("coupon") }));
  await insertJson(ctx.db, coupons, made.map((m) => ({ id: m.id, programId: ctx.programId, offerId: ctx.offerId, partnerId: partnerIds.get(m.r.partnerVendorId)!, code: m.r.code })));
  result.created = made.map((m) => ({ row: m.row, vendorId: m.r.vendorId, targetId: m.id }));
  result.made = { coupons: made.length };
  return result;
}
