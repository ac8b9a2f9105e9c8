import { z } from "zod";
import { issueCreditNote, issueMissingInvoices, listBatchInvoices, listPartnerInvoices } from "@/server/payouts/issue-invoices";
import { isCleanText } from "@/server/text";
import { adminProcedure, createTRPCRouter, partnerProcedure } from "../init";

const batchId = z.string().min(1).max(64);

/** Self-billing invoices and credit notes; the PDFs are served by /api/invoices/:id. */
export const invoicesRouter = createTRPCRouter({
  mine: partnerProcedure.query(({ ctx }) => listPartnerInvoices(ctx.db, ctx.partnerId)),
  forBatch: adminProcedure("payouts:manage")
    .input(z.object({ batchId }))
    .query(({ ctx, input }) => listBatchInvoices(ctx.db, input.batchId, ctx.managerScope)),
  issueMissing: adminProcedure("payouts:manage")
    .input(z.object({ batchId }))
    .mutation(({ ctx, input }) => issueMissingInvoices(ctx.db, input.batchId, ctx.user.id)),
  creditNote: adminProcedure("payouts:manage")
    .input(
      z.object({
        invoiceId: z.string().min(1).max(64),
        reason: z.string().trim().min(3, "Say why the invoice is credited").max(300).refine((v) => isCleanText(v), "Use letters, digits and punctuation only"),
      }),
    )
    .mutation(({ ctx, input }) => issueCreditNote(ctx.db, { ...input, actorId: ctx.user.id })),
});
