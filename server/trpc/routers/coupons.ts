import { z } from "zod";
import { createCoupon } from "@/server/coupons/create-coupon";
import { listCouponOptions } from "@/server/coupons/list-coupon-options";
import { listCoupons } from "@/server/coupons/list-coupons";
import { listPartnerCoupons } from "@/server/coupons/list-partner-coupons";
import { createCouponInput, setCouponStatusInput } from "@/server/coupons/schemas";
import { setCouponStatus } from "@/server/coupons/set-coupon-status";
import { adminProcedure, createTRPCRouter, partnerProcedure } from "../init";
import { page } from "../pagination";

export const couponsRouter = createTRPCRouter({
  list: adminProcedure("coupons:manage")
    .input(z.object({ ...page }))
    .query(({ ctx, input }) => listCoupons(ctx.db, input)),
  options: adminProcedure("coupons:manage").query(({ ctx }) => listCouponOptions(ctx.db)),
  create: adminProcedure("coupons:manage")
    .input(createCouponInput)
    .mutation(({ ctx, input }) => createCoupon(ctx.db, input)),
  setStatus: adminProcedure("coupons:manage")
    .input(setCouponStatusInput)
    .mutation(({ ctx, input }) => setCouponStatus(ctx.db, input)),

  /** The partner's own coupons, read-only. */
  mine: partnerProcedure.query(({ ctx }) => listPartnerCoupons(ctx.db, ctx.partnerId)),
});
