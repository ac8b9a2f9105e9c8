import { z } from "zod";
import { DOCUMENT_STATUSES } from "@/db/schema";
import { getOperatorSettings, getPartnerBilling, saveOperatorSettings, savePartnerBilling } from "@/server/documents/billing";
import { deleteDocument } from "@/server/documents/housekeeping";
import { listDocumentQueue, listMyDocuments } from "@/server/documents/list-documents";
import { archiveRequirement, listRequirements, saveRequirement } from "@/server/documents/requirements";
import { reviewDocument } from "@/server/documents/review-document";
import { operatorSettingsInput, partnerBillingInput, requirementInput, reviewDocumentInput } from "@/server/documents/schemas";
import { assertPartnersInScope } from "@/server/partners/manager-scope";
import { storage } from "@/server/storage";
import { adminProcedure, createTRPCRouter, partnerProcedure } from "../init";

const documentId = z.string().min(1).max(64);

/** Partner documents (KYC and tax): requirements, the review queue, billing details. Files go through /api/documents. */
export const documentsRouter = createTRPCRouter({
  // the partner's own, scoped to ctx.partnerId in the SQL
  mine: partnerProcedure.query(({ ctx }) => listMyDocuments(ctx.db, ctx.partnerId)),
  myBilling: partnerProcedure.query(({ ctx }) => getPartnerBilling(ctx.db, ctx.partnerId)),
  saveMyBilling: partnerProcedure.input(partnerBillingInput).mutation(({ ctx, input }) => savePartnerBilling(ctx.db, ctx.partnerId, input)),

  queue: adminProcedure("documents:read")
    .input(z.object({ status: z.enum(DOCUMENT_STATUSES).optional(), partnerId: z.string().min(1).max(64).optional() }))
    .query(async ({ ctx, input }) => {
      if (input.partnerId) await assertPartnersInScope(ctx.db, ctx.managerScope, [input.partnerId]);
      return listDocumentQueue(ctx.db, { ...input, managerScope: ctx.managerScope });
    }),
  review: adminProcedure("documents:review")
    .input(reviewDocumentInput)
    .mutation(({ ctx, input }) => reviewDocument(ctx.db, { ...input, actorId: ctx.user.id, managerScope: ctx.managerScope })),
  delete: adminProcedure("documents:review")
    .input(z.object({ documentId }))
    .mutation(({ ctx, input }) => deleteDocument(ctx.db, storage(), input.documentId)),

  requirements: adminProcedure("program:read").query(({ ctx }) => listRequirements(ctx.db)),
  saveRequirement: adminProcedure("program:manage")
    .input(requirementInput)
    .mutation(({ ctx, input }) => saveRequirement(ctx.db, input)),
  archiveRequirement: adminProcedure("program:manage")
    .input(z.object({ id: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => archiveRequirement(ctx.db, input.id)),

  settings: adminProcedure("program:read").query(({ ctx }) => getOperatorSettings(ctx.db)),
  saveSettings: adminProcedure("program:manage")
    .input(operatorSettingsInput)
    .mutation(({ ctx, input }) => saveOperatorSettings(ctx.db, input)),
});
