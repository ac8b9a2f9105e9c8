import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { coupons, offers } from "@/db/schema";
import { createCoupon } from "@/server/coupons/create-coupon";
import { createCouponInput, setCouponStatusInput } from "@/server/coupons/schemas";
import { setCouponStatus } from "@/server/coupons/set-coupon-status";
import { keyset, listQuery, newestFirst, page, paged } from "../cursor";
import { route, type Principal } from "../define";
import { ApiError } from "../problem";
import { dateTime, entityId, inKeyProgram, iso, notFound } from "./common";

const COUPON_STATUSES = setCouponStatusInput.shape.status.options;

export const coupon = z
  .object({
    id: z.string(),
    code: z.string().meta({ description: "Stored upper-case; matched case-insensitively when a conversion reports it." }),
    programId: z.string(),
    offerId: z.string(),
    partnerId: z.string(),
    status: z.enum(COUPON_STATUSES).meta({ description: "A paused code credits nobody." }),
    createdAt: dateTime,
  })
  .meta({ id: "Coupon" });

export const couponColumns = {
  id: coupons.id,
  code: coupons.code,
  programId: coupons.programId,
  offerId: coupons.offerId,
  partnerId: coupons.partnerId,
  status: coupons.status,
  createdAt: coupons.createdAt,
};
export const couponOut = <T extends { createdAt: Date }>(r: T) => ({ ...r, createdAt: iso(r.createdAt) });

async function readCoupon(db: DbOrTx, principal: Principal, couponId: string) {
  const [row] = await db
    .select(couponColumns)
    .from(coupons)
    .where(and(eq(coupons.id, couponId), inKeyProgram(principal, coupons.programId)));
  return row ? couponOut(row) : notFound("Coupon");
}

const idParam = z.object({ couponId: entityId });

export const couponRoutes = [
  route({
    method: "GET",
    path: "/coupons",
    operationId: "listCoupons",
    summary: "List coupon codes",
    tag: "Coupons",
    auth: "key",
    scope: "coupons:read",
    query: listQuery.extend({
      partnerId: entityId.optional(),
      offerId: entityId.optional(),
      status: z.enum(COUPON_STATUSES).optional(),
      code: z.string().trim().min(1).max(32).optional().meta({ description: "The exact code, in any case." }),
    }),
    response: page(coupon, "CouponPage"),
    handle: async ({ db, principal, query }) => {
      const rows = await db
        .select(couponColumns)
        .from(coupons)
        .where(
          and(
            keyset(coupons.createdAt, coupons.id, query),
            inKeyProgram(principal, coupons.programId),
            query.partnerId ? eq(coupons.partnerId, query.partnerId) : undefined,
            query.offerId ? eq(coupons.offerId, query.offerId) : undefined,
            query.status ? eq(coupons.status, query.status) : undefined,
            query.code ? eq(coupons.code, query.code.toUpperCase()) : undefined,
          ),
        )
        .orderBy(...newestFirst(coupons.id))
        .limit(query.limit + 1);
      const p = paged(rows, query.limit);
      return { data: p.rows.map(couponOut), nextCursor: p.nextCursor };
    },
  }),
  route({
    method: "GET",
    path: "/coupons/{couponId}",
    operationId: "getCoupon",
    summary: "Get a coupon code",
    tag: "Coupons",
    auth: "key",
    scope: "coupons:read",
    params: idParam,
    response: coupon,
    handle: ({ db, principal, params }) => readCoupon(db, principal, params.couponId),
  }),
  route({
    method: "POST",
    path: "/coupons",
    operationId: "createCoupon",
    summary: "Give an approved partner a coupon code on an offer (unique in the offer's program, whatever its case)",
    tag: "Coupons",
    auth: "key",
    scope: "coupons:write",
    body: createCouponInput.meta({ id: "CouponCreate" }),
    status: 201,
    response: coupon,
    handle: async ({ db, principal, body }) => {
      const [offer] = await db.select({ id: offers.id }).from(offers).where(and(eq(offers.id, body.offerId), inKeyProgram(principal, offers.programId)));
      if (!offer) throw new ApiError(422, "validation_failed", "This offer is not available.", [{ field: "offerId", message: "Pick an offer" }]);
      const made = await createCoupon(db, body);
      if (!made) throw new Error("coupon vanished after insert");
      return readCoupon(db, principal, made.id);
    },
  }),
  route({
    method: "PATCH",
    path: "/coupons/{couponId}",
    operationId: "updateCoupon",
    summary: "Pause or resume a coupon code",
    tag: "Coupons",
    auth: "key",
    scope: "coupons:write",
    params: idParam,
    body: setCouponStatusInput.omit({ couponId: true }).meta({ id: "CouponUpdate" }),
    response: coupon,
    handle: async ({ db, principal, params, body }) => {
      await readCoupon(db, principal, params.couponId);
      await setCouponStatus(db, { couponId: params.couponId, status: body.status });
      return readCoupon(db, principal, params.couponId);
    },
  }),
];
