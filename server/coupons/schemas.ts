import { z } from "zod";

export const COUPON_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Shared by the admin's "New coupon" form and the `coupons.create` procedure. Codes are stored upper-case. */
export const createCouponInput = z.object({
  partnerId: z.string({ error: "Pick a partner" }).trim().min(1, "Pick a partner").max(64),
  offerId: z.string({ error: "Pick an offer" }).trim().min(1, "Pick an offer").max(64),
  code: z
    .string({ error: "Enter a code" })
    .trim()
    .min(3, "Use at least 3 characters")
    .max(32, "Use at most 32 characters")
    .regex(COUPON_PATTERN, "Use letters, digits, dashes and underscores only")
    .toUpperCase(),
});
export type CreateCouponInput = z.infer<typeof createCouponInput>;

export const setCouponStatusInput = z.object({
  couponId: z.string().min(1).max(64),
  status: z.enum(["active", "paused"]),
});
export type SetCouponStatusInput = z.infer<typeof setCouponStatusInput>;
