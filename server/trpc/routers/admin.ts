import { z } from "zod";
import { FRAUD_STATUSES } from "@/db/schema";
import { adjustBalance } from "@/server/commissions/adjust-balance";
import { COMMISSION_STATUSES } from "@/server/commissions/commission-status";
import { getBalances } from "@/server/commissions/get-balances";
import { listCommissions } from "@/server/commissions/list-commissions";
import { approveCommissions, rejectCommissions } from "@/server/commissions/review-commissions";
import { listCouponOptions } from "@/server/coupons/list-coupon-options";
import { getPartner } from "@/server/partners/get-partner";
import { listPartners } from "@/server/partners/list-partners";
import { addPartnerNote, assignManager, listManagers } from "@/server/partners/manage-partner";
import { assertCommissionsInScope, assertPartnersInScope } from "@/server/partners/manager-scope";
import { reviewPartner } from "@/server/partners/review-partner";
import { adminEditInput, managerInput, noteInput, partnerActionInput, partnerListFilter, reviewInput, sponsorInput } from "@/server/partners/schemas";
import { setPartnerSponsor } from "@/server/partners/set-partner-sponsor";
import { setPartnerStatus } from "@/server/partners/set-partner-status";
import { updatePartner } from "@/server/partners/update-partner";
import { approvePayoutBatch, markBatchFailed, markBatchPaid } from "@/server/payouts/batch-status";
import { createPayoutBatch, payable, refreshPayoutBatch } from "@/server/payouts/create-payout-batch";
import { getPayoutBatch, listPayoutBatches } from "@/server/payouts/list-payout-batches";
import { payoutSchedules, programPayoutSettingsInput, setPayoutSettings, setProgramPayoutSettings, payoutSettingsInput } from "@/server/payouts/payout-settings";
import { getStatement } from "@/server/payouts/statement";
import { getProgramSettings } from "@/server/programs/get-program-settings";
import { isCleanText } from "@/server/text";
import { TRPCError } from "@trpc/server";
import { adminProcedure, createTRPCRouter } from "../init";
import { page } from "../pagination";

const currency = z.string().regex(/^[A-Z]{3}$/, "Pick a currency");
const batchId = z.string().min(1).max(64);
const reasonText = (min: number, message: string) =>
  z
    .string()
    .trim()
    .min(min, message)
    .max(500)
    .refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only");
const ids = z.array(z.string().min(1).max(64)).min(1, "Select at least one commission").max(500);

export const adminRouter = createTRPCRouter({
  partners: adminProcedure("partners:review")
    .input(partnerListFilter.extend(page))
    .query(({ ctx, input }) => listPartners(ctx.db, { ...input, managerScope: ctx.managerScope })),
  partner: adminProcedure("partners:review")
    .input(z.object({ partnerId: z.string().min(1).max(64) }))
    .query(async ({ ctx, input }) => {
      await assertPartnersInScope(ctx.db, ctx.managerScope, [input.partnerId]);
      return getPartner(ctx.db, input.partnerId);
    }),
  partnerAction: adminProcedure("partners:review")
    .input(partnerActionInput)
    .mutation(async ({ ctx, input }) => {
      await assertPartnersInScope(ctx.db, ctx.managerScope, [input.partnerId]);
      return setPartnerStatus(ctx.db, { ...input, actorId: ctx.user.id });
    }),
  updatePartner: adminProcedure("partners:review")
    .input(adminEditInput)
    .mutation(async ({ ctx, input }) => {
      await assertPartnersInScope(ctx.db, ctx.managerScope, [input.partnerId]);
      return updatePartner(ctx.db, input);
    }),
  addPartnerNote: adminProcedure("partners:review")
    .input(noteInput)
    .mutation(async ({ ctx, input }) => {
      await assertPartnersInScope(ctx.db, ctx.managerScope, [input.partnerId]);
      return addPartnerNote(ctx.db, { ...input, actorId: ctx.user.id });
    }),
  managers: adminProcedure("partners:review").query(({ ctx }) => listManagers(ctx.db)),
  assignManager: adminProcedure("partners:review")
    .input(managerInput)
    .mutation(({ ctx, input }) => {
      // assigning would move partners in or out of a manager's own scope
      if (ctx.managerScope) throw new TRPCError({ code: "FORBIDDEN", message: "Only admins assign managers." });
      return assignManager(ctx.db, input);
    }),
  setSponsor: adminProcedure("partners:review")
    .input(sponsorInput)
    .mutation(async ({ ctx, input }) => {
      await assertPartnersInScope(ctx.db, ctx.managerScope, [input.partnerId, ...(input.sponsorId ? [input.sponsorId] : [])]);
      return setPartnerSponsor(ctx.db, { ...input, actorId: ctx.user.id });
    }),
  reviewPartner: adminProcedure("partners:review")
    .input(reviewInput)
    .mutation(async ({ ctx, input }) => {
      await assertPartnersInScope(ctx.db, ctx.managerScope, [input.partnerId]);
      return reviewPartner(ctx.db, { ...input, actorId: ctx.user.id });
    }),

  commissions: adminProcedure("commissions:review")
    .input(
      z.object({
        status: z.enum(COMMISSION_STATUSES).optional(),
        offerId: z.string().max(64).optional(),
        partnerId: z.string().max(64).optional(),
        minAgeDays: z.number().int().min(0).max(3650).optional(),
        fraud: z.enum(["flagged", ...FRAUD_STATUSES]).optional(),
        hold: z.enum(["ended", "on_hold"]).optional(),
        sort: z.enum(["newest", "oldest", "amount"]).optional(),
        ...page,
      }),
    )
    .query(async ({ ctx, input }) => {
      if (input.partnerId) await assertPartnersInScope(ctx.db, ctx.managerScope, [input.partnerId]);
      return listCommissions(ctx.db, { ...input, managerScope: ctx.managerScope });
    }),
  commissionFilterOptions: adminProcedure("commissions:review").query(({ ctx }) => listCouponOptions(ctx.db, ctx.managerScope)),
  approveCommissions: adminProcedure("commissions:review")
    .input(z.object({ commissionIds: ids, reason: z.string().trim().max(500).refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only").optional() }))
    .mutation(async ({ ctx, input }) => {
      await assertCommissionsInScope(ctx.db, ctx.managerScope, input.commissionIds);
      return approveCommissions(ctx.db, { ...input, actorId: ctx.user.id });
    }),
  rejectCommissions: adminProcedure("commissions:review")
    .input(z.object({ commissionIds: ids, reason: z.string().trim().min(3, "Give a reason the partner will see").max(500).refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only") }))
    .mutation(async ({ ctx, input }) => {
      await assertCommissionsInScope(ctx.db, ctx.managerScope, input.commissionIds);
      return rejectCommissions(ctx.db, { ...input, actorId: ctx.user.id });
    }),

  adjustBalance: adminProcedure("payouts:manage")
    .input(z.object({ partnerId: z.string().min(1).max(64), currency, amount: z.number().int("Use minor units").refine((v) => v !== 0, "Enter a non-zero amount"), reason: reasonText(3, "Give a reason the partner will see") }))
    .mutation(({ ctx, input }) => adjustBalance(ctx.db, { ...input, actorId: ctx.user.id })),

  balances: adminProcedure("payouts:manage").query(({ ctx }) => getBalances(ctx.db)),
  payable: adminProcedure("payouts:manage")
    .input(z.object({ currency }))
    .query(({ ctx, input }) => payable(ctx.db, input.currency)),
  payoutBatches: adminProcedure("payouts:manage")
    .input(z.object({ ...page }))
    .query(({ ctx, input }) => listPayoutBatches(ctx.db, input)),
  payoutBatch: adminProcedure("payouts:manage")
    .input(z.object({ batchId }))
    .query(({ ctx, input }) => getPayoutBatch(ctx.db, input.batchId)),
  statement: adminProcedure("payouts:manage")
    .input(z.object({ batchId, partnerId: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => getStatement(ctx.db, input.batchId, input.partnerId)),
  createPayoutBatch: adminProcedure("payouts:manage")
    .input(z.object({ currency }))
    .mutation(({ ctx, input }) => createPayoutBatch(ctx.db, { ...input, actorId: ctx.user.id })),
  approvePayoutBatch: adminProcedure("payouts:manage")
    .input(z.object({ batchId }))
    .mutation(({ ctx, input }) => approvePayoutBatch(ctx.db, { ...input, actorId: ctx.user.id })),
  refreshPayoutBatch: adminProcedure("payouts:manage")
    .input(z.object({ batchId }))
    .mutation(({ ctx, input }) => refreshPayoutBatch(ctx.db, { ...input, actorId: ctx.user.id })),
  markBatchPaid: adminProcedure("payouts:manage")
    .input(z.object({ batchId, reference: z.string().trim().min(2, "Enter the payment reference").max(200).refine((v) => isCleanText(v), "Use letters, digits and punctuation only") }))
    .mutation(({ ctx, input }) => markBatchPaid(ctx.db, { ...input, actorId: ctx.user.id })),
  markBatchFailed: adminProcedure("payouts:manage")
    .input(z.object({ batchId, reason: reasonText(3, "Say why the payment failed") }))
    .mutation(({ ctx, input }) => markBatchFailed(ctx.db, { ...input, actorId: ctx.user.id })),
  /** The default payout schedule first, then each program's own. */
  payoutSchedules: adminProcedure("payouts:manage").query(({ ctx }) => payoutSchedules(ctx.db)),
  setPayoutSettings: adminProcedure("payouts:manage")
    .input(payoutSettingsInput)
    .mutation(({ ctx, input }) => setPayoutSettings(ctx.db, input)),
  setProgramPayoutSettings: adminProcedure("payouts:manage")
    .input(programPayoutSettingsInput)
    .mutation(({ ctx, input }) => setProgramPayoutSettings(ctx.db, input)),

  program: adminProcedure("program:read").query(({ ctx }) => getProgramSettings(ctx.db)),
});
