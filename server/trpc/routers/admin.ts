import { z } from "zod";
import { PARTNER_STATUSES } from "@/db/schema";
import { COMMISSION_STATUSES } from "@/server/commissions/commission-status";
import { getBalances } from "@/server/commissions/get-balances";
import { listCommissions } from "@/server/commissions/list-commissions";
import { approveCommissions, rejectCommissions } from "@/server/commissions/review-commissions";
import { listPartners } from "@/server/partners/list-partners";
import { reviewPartner } from "@/server/partners/review-partner";
import { reviewInput } from "@/server/partners/schemas";
import { createPayoutBatch } from "@/server/payouts/create-payout-batch";
import { listPayoutBatches } from "@/server/payouts/list-payout-batches";
import { markBatchPaid } from "@/server/payouts/mark-batch-paid";
import { getProgramSettings } from "@/server/programs/get-program-settings";
import { isCleanText } from "@/server/text";
import { adminProcedure, createTRPCRouter } from "../init";
import { page } from "../pagination";

const ids = z.array(z.string().min(1).max(64)).min(1, "Select at least one commission").max(500);

export const adminRouter = createTRPCRouter({
  partners: adminProcedure("partners:review")
    .input(z.object({ status: z.enum(PARTNER_STATUSES).optional(), ...page }))
    .query(({ ctx, input }) => listPartners(ctx.db, input)),
  reviewPartner: adminProcedure("partners:review")
    .input(reviewInput)
    .mutation(({ ctx, input }) => reviewPartner(ctx.db, { ...input, actorId: ctx.user.id })),

  commissions: adminProcedure("commissions:review")
    .input(z.object({ status: z.enum(COMMISSION_STATUSES).optional(), ...page }))
    .query(({ ctx, input }) => listCommissions(ctx.db, input)),
  approveCommissions: adminProcedure("commissions:review")
    .input(z.object({ commissionIds: ids, reason: z.string().trim().max(500).refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only").optional() }))
    .mutation(({ ctx, input }) => approveCommissions(ctx.db, { ...input, actorId: ctx.user.id })),
  rejectCommissions: adminProcedure("commissions:review")
    .input(z.object({ commissionIds: ids, reason: z.string().trim().min(3, "Give a reason the partner will see").max(500).refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only") }))
    .mutation(({ ctx, input }) => rejectCommissions(ctx.db, { ...input, actorId: ctx.user.id })),

  balances: adminProcedure("payouts:manage").query(({ ctx }) => getBalances(ctx.db)),
  payoutBatches: adminProcedure("payouts:manage")
    .input(z.object({ ...page }))
    .query(({ ctx, input }) => listPayoutBatches(ctx.db, input)),
  createPayoutBatch: adminProcedure("payouts:manage")
    .input(z.object({ currency: z.string().regex(/^[A-Z]{3}$/, "Pick a currency") }))
    .mutation(({ ctx, input }) => createPayoutBatch(ctx.db, { ...input, actorId: ctx.user.id })),
  markBatchPaid: adminProcedure("payouts:manage")
    .input(z.object({ batchId: z.string().min(1).max(64), reference: z.string().trim().min(2, "Enter the payment reference").max(200).refine((v) => isCleanText(v), "Use letters, digits and punctuation only") }))
    .mutation(({ ctx, input }) => markBatchPaid(ctx.db, { ...input, actorId: ctx.user.id })),

  program: adminProcedure("program:read").query(({ ctx }) => getProgramSettings(ctx.db)),
});
