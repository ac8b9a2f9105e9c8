import { eq } from "drizzle-orm";
import { z } from "zod";
import { offers } from "@/db/schema";
import { COMMISSION_STATUSES } from "@/server/commissions/commission-status";
import { getBalances } from "@/server/commissions/get-balances";
import { listCommissions } from "@/server/commissions/list-commissions";
import { listLedger } from "@/server/commissions/list-ledger";
import { getPartnerTerms } from "@/server/commissions/manage-plans";
import { listNotifications, markNotificationsRead } from "@/server/notifications/notify";
import { payoutSettings, thresholdFor } from "@/server/payouts/create-payout-batch";
import { listPartnerPayouts } from "@/server/payouts/list-payout-batches";
import { getPayoutDetails, payoutDetailsInput, savePayoutDetails } from "@/server/payouts/payout-details";
import { getStatement } from "@/server/payouts/statement";
import { applyPartner } from "@/server/partners/apply-partner";
import { getPartnerLinks } from "@/server/partners/get-partner-links";
import { applyInput } from "@/server/partners/schemas";
import { createTRPCRouter, partnerProcedure, publicProcedure } from "../init";
import { page } from "../pagination";

export const partnerRouter = createTRPCRouter({
  signUp: publicProcedure.input(applyInput).mutation(({ ctx, input }) => applyPartner(ctx.db, input)),

  // Every query below is scoped to ctx.partnerId in its SQL.
  balances: partnerProcedure.query(({ ctx }) => getBalances(ctx.db, ctx.partnerId)),
  links: partnerProcedure.query(({ ctx }) => getPartnerLinks(ctx.db, ctx.partnerId)),
  commissions: partnerProcedure
    .input(z.object({ status: z.enum(COMMISSION_STATUSES).optional(), ...page }))
    .query(({ ctx, input }) => listCommissions(ctx.db, { ...input, partnerId: ctx.partnerId })),
  ledger: partnerProcedure
    .input(z.object({ ...page }))
    .query(({ ctx, input }) => listLedger(ctx.db, { ...input, partnerId: ctx.partnerId })),
  terms: partnerProcedure.query(({ ctx }) => getPartnerTerms(ctx.db, ctx.partnerId)),
  payoutDetails: partnerProcedure.query(async ({ ctx }) => {
    const settings = await payoutSettings(ctx.db);
    const balances = await getBalances(ctx.db, ctx.partnerId);
    // every currency the partner can earn in (the active offers') or holds money in
    const offerCurrencies = await ctx.db.selectDistinct({ currency: offers.currency }).from(offers).where(eq(offers.status, "active"));
    const currencies = [...new Set([...offerCurrencies.map((o) => o.currency), ...balances.map((b) => b.currency)])].sort();
    return { details: await getPayoutDetails(ctx.db, ctx.partnerId), thresholds: currencies.map((c) => ({ currency: c, minimum: thresholdFor(settings, c) })), schedule: settings?.schedule ?? null };
  }),
  savePayoutDetails: partnerProcedure.input(payoutDetailsInput).mutation(({ ctx, input }) => savePayoutDetails(ctx.db, ctx.partnerId, input)),
  payouts: partnerProcedure.query(({ ctx }) => listPartnerPayouts(ctx.db, ctx.partnerId)),
  statement: partnerProcedure.input(z.object({ batchId: z.string().min(1).max(64) })).query(({ ctx, input }) => getStatement(ctx.db, input.batchId, ctx.partnerId)),
  notifications: partnerProcedure.query(({ ctx }) => listNotifications(ctx.db, ctx.partnerId)),
  markNotificationsRead: partnerProcedure
    .input(z.object({ ids: z.array(z.string().min(1).max(64)).max(100).optional(), all: z.boolean().optional() }))
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.partnerId, input.all ? "all" : (input.ids ?? []))),
});
