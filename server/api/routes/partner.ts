import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { conversions } from "@/db/schema";
import { getBalances } from "@/server/commissions/get-balances";
import { listPartnerCoupons } from "@/server/coupons/list-partner-coupons";
import { listPartnerCreatives } from "@/server/creatives/list-partner-creatives";
import { partnerCreativeFilter } from "@/server/creatives/schemas";
import { listPartnerPayouts } from "@/server/payouts/list-payout-batches";
import { keyset, listQuery, newestFirst, page, paged } from "../cursor";
import { route } from "../define";
import { dateTime, iso } from "./common";
import { commission, commissionPage, commissionQuery } from "./commissions";
import { conversion, conversionColumns, conversionOut } from "./conversions";
import { coupon } from "./coupons";
import { creative } from "./creatives";
import { report, reportBody, reportResult } from "./reports";

// Every partner route reads `principal.partnerId`, which comes from the token, and filters by it in SQL:
// nothing in the request can name another partner.

const partnerConversion = conversion.omit({ customerId: true, fraudStatus: true }).meta({ id: "PartnerConversion" });
// the customer's id and the fraud verdict are the operator's, not the partner's
const partnerConversionColumns = {
  id: conversionColumns.id,
  programId: conversionColumns.programId,
  offerId: conversionColumns.offerId,
  partnerId: conversionColumns.partnerId,
  event: conversionColumns.event,
  txnId: conversionColumns.txnId,
  amount: conversionColumns.amount,
  currency: conversionColumns.currency,
  clickId: conversionColumns.clickId,
  couponCode: conversionColumns.couponCode,
  attributionStatus: conversionColumns.attributionStatus,
  occurredAt: conversionColumns.occurredAt,
  createdAt: conversionColumns.createdAt,
};

const payout = z
  .object({ batchId: z.string(), status: z.string(), reference: z.string().nullable(), amount: z.number().int(), currency: z.string(), method: z.string().nullable(), createdAt: dateTime, paidAt: dateTime.nullable() })
  .meta({ id: "PartnerPayout" });

const partnerCoupon = coupon.pick({ id: true, code: true, offerId: true, status: true, createdAt: true }).extend({ offerName: z.string() }).meta({ id: "PartnerCoupon" });

const partnerCreative = creative
  .pick({ id: true, offerId: true, kind: true, name: true, language: true, tags: true, body: true, subject: true, altText: true, fileType: true, width: true, height: true, version: true, endsAt: true })
  .extend({
    offerName: z.string(),
    links: z.array(z.object({ linkId: z.string(), code: z.string(), alias: z.string().nullable(), label: z.string().nullable() })).meta({ description: "Your active links to the creative's offer, to build the snippet from." }),
    impressions: z.number().int().meta({ description: "Your banner impressions of it." }),
  })
  .meta({ id: "PartnerCreative" });

const balance = z.object({ currency: z.string(), pending: z.number().int(), approved: z.number().int(), paid: z.number().int() }).meta({ id: "PartnerBalance" });

export const partnerApiRoutes = [
  route({
    method: "POST",
    path: "/partner/reports",
    operationId: "partnerRunReport",
    summary: "Your stats: run a report over your own clicks, conversions and commissions",
    tag: "Partner API",
    auth: "partner",
    body: reportBody,
    response: reportResult,
    handle: ({ db, principal, body }) => report(db, body, { kind: "partner", partnerId: principal.partnerId }, null),
  }),
  route({
    method: "GET",
    path: "/partner/conversions",
    operationId: "partnerListConversions",
    summary: "Your attributed conversions",
    tag: "Partner API",
    auth: "partner",
    query: listQuery.extend({ event: z.string().max(32).optional() }),
    response: page(partnerConversion, "PartnerConversionPage"),
    handle: async ({ db, principal, query }) => {
      const rows = await db
        .select(partnerConversionColumns)
        .from(conversions)
        .where(and(eq(conversions.partnerId, principal.partnerId), keyset(conversions.createdAt, conversions.id, query), query.event ? eq(conversions.event, query.event) : undefined))
        .orderBy(...newestFirst(conversions.id))
        .limit(query.limit + 1);
      const p = paged(rows, query.limit);
      return { data: p.rows.map(conversionOut), nextCursor: p.nextCursor };
    },
  }),
  route({
    method: "GET",
    path: "/partner/commissions",
    operationId: "partnerListCommissions",
    summary: "Your commissions",
    tag: "Partner API",
    auth: "partner",
    query: commissionQuery.omit({ partnerId: true }),
    response: page(commission, "PartnerCommissionPage"),
    handle: ({ db, principal, query }) => commissionPage(db, principal, query, principal.partnerId),
  }),
  route({
    method: "GET",
    path: "/partner/payouts",
    operationId: "partnerListPayouts",
    summary: "Your payouts and balances",
    tag: "Partner API",
    auth: "partner",
    response: z.object({ data: z.array(payout), balances: z.array(balance) }).meta({ id: "PartnerPayouts" }),
    handle: async ({ db, principal }) => {
      const [rows, balances] = await Promise.all([listPartnerPayouts(db, principal.partnerId), getBalances(db, principal.partnerId)]);
      return { data: rows.map((r) => ({ ...r, createdAt: iso(r.createdAt), paidAt: iso(r.paidAt) })), balances };
    },
  }),

  route({
    method: "GET",
    path: "/partner/coupons",
    operationId: "partnerListCoupons",
    summary: "Your coupon codes",
    tag: "Partner API",
    auth: "partner",
    response: z.object({ data: z.array(partnerCoupon) }).meta({ id: "PartnerCoupons" }),
    handle: async ({ db, principal }) => {
      const rows = await listPartnerCoupons(db, principal.partnerId);
      return { data: rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) })) };
    },
  }),
  route({
    method: "GET",
    path: "/partner/creatives",
    operationId: "partnerListCreatives",
    summary: "Creatives you may use now (up to 200), with your links to their offers",
    tag: "Partner API",
    auth: "partner",
    query: partnerCreativeFilter,
    response: z.object({ data: z.array(partnerCreative) }).meta({ id: "PartnerCreatives" }),
    handle: async ({ db, principal, query }) => {
      const { items } = await listPartnerCreatives(db, principal.partnerId, query);
      return { data: items.map((c) => ({ ...c, endsAt: iso(c.endsAt) })) };
    },
  }),
];
