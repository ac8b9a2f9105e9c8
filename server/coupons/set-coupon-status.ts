import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { coupons } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { SetCouponStatusInput } from "./schemas";

/** Pauses or resumes a coupon: a paused code credits nobody. */
export async function setCouponStatus(db: Db, input: SetCouponStatusInput) {
  const [row] = await db.update(coupons).set({ status: input.status }).where(eq(coupons.id, input.couponId)).returning({ id: coupons.id, status: coupons.status });
  if (!row) throw new DomainError("NOT_FOUND", "Coupon not found");
  return row;
}
