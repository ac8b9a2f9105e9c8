import { z } from "zod";
import { COMMISSION_STATUSES } from "@/server/commissions/commission-status";
import { getBalances } from "@/server/commissions/get-balances";
import { listCommissions } from "@/server/commissions/list-commissions";
import { listLedger } from "@/server/commissions/list-ledger";
import { kpiProgress } from "@/server/commissions/kpi-progress";
import { getPartnerTerms } from "@/server/commissions/manage-plans";
import { listNotifications, markNotificationsRead } from "@/server/notifications/notify";
import { listPartnerPayouts } from "@/server/payouts/list-payout-batches";
import { partnerPayoutTerms } from "@/server/payouts/partner-payout-terms";
import { payoutDetailsInput, savePayoutDetails } from "@/server/payouts/payout-details";
import { getStatement } from "@/server/payouts/statement";
import { signUpPartner } from "@/server/partners/apply-partner";
import { getPartnerLinks } from "@/server/partners/get-partner-links";
import { changePassword, changePasswordInput } from "@/server/partners/change-password";
import { listSubAffiliates } from "@/server/partners/recruit";
import { applyInput, profileInput } from "@/server/partners/schemas";
import { getOwnProfile, updateOwnProfile } from "@/server/partners/update-partner";
import { createTRPCRouter, partnerProcedure, publicProcedure } from "../init";
import { page } from "../pagination";

export const partnerRouter = createTRPCRouter({
  signUp: publicProcedure.input(applyInput).mutation(({ ctx, input }) => signUpPartner(ctx.db, input, { ip: ctx.ip ?? null })),

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
  kpiProgress: partnerProcedure.query(({ ctx }) => kpiProgress(ctx.db, ctx.partnerId)),
  payoutDetails: partnerProcedure.query(({ ctx }) => partnerPayoutTerms(ctx.db, ctx.partnerId)),
  savePayoutDetails: partnerProcedure.input(payoutDetailsInput).mutation(({ ctx, input }) => savePayoutDetails(ctx.db, ctx.partnerId, input)),
  payouts: partnerProcedure.query(({ ctx }) => listPartnerPayouts(ctx.db, ctx.partnerId)),
  statement: partnerProcedure.input(z.object({ batchId: z.string().min(1).max(64) })).query(({ ctx, input }) => getStatement(ctx.db, input.batchId, ctx.partnerId)),
  subAffiliates: partnerProcedure.query(({ ctx }) => listSubAffiliates(ctx.db, ctx.partnerId)),
  profile: partnerProcedure.query(({ ctx }) => getOwnProfile(ctx.db, ctx.partnerId)),
  updateProfile: partnerProcedure.input(profileInput).mutation(({ ctx, input }) => updateOwnProfile(ctx.db, ctx.partnerId, input)),
  changePassword: partnerProcedure.input(changePasswordInput).mutation(({ ctx, input }) => changePassword(ctx.db, ctx.user.id, input)),
  notifications: partnerProcedure.query(({ ctx }) => listNotifications(ctx.db, ctx.partnerId)),
  markNotificationsRead: partnerProcedure
    .input(z.object({ ids: z.array(z.string().min(1).max(64)).max(100).optional(), all: z.boolean().optional() }))
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.partnerId, input.all ? "all" : (input.ids ?? []))),
});
