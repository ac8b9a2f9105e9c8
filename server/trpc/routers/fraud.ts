import { z } from "zod";
import { addBlock, listBlocks, revokeBlock } from "@/server/fraud/blocks";
import { getCheck } from "@/server/fraud/get-check";
import { listQueue } from "@/server/fraud/list-queue";
import { createAppeal, getPartnerReview, listPartnerReviews } from "@/server/fraud/partner-view";
import { partnerRisk } from "@/server/fraud/partner-risk";
import { clearCheck, rejectCheck, replyToAppeal } from "@/server/fraud/review-check";
import { appealInput, blockInput, clearInput, offerSettingsInput, programSettingsInput, queueInput, rejectInput, replyInput, riskInput } from "@/server/fraud/schemas";
import { getFraudSettings, setOfferFraudSettings, setProgramFraudSettings } from "@/server/fraud/settings";
import { adminProcedure, createTRPCRouter, partnerProcedure } from "../init";
import { page } from "../pagination";

const id = z.string().min(1).max(64);

/** Fraud review for admins; the partner's side (their held and rejected conversions, appeals) at the end. */
export const fraudRouter = createTRPCRouter({
  queue: adminProcedure("fraud:review")
    .input(queueInput.extend(page))
    .query(({ ctx, input }) => listQueue(ctx.db, input)),
  check: adminProcedure("fraud:review")
    .input(z.object({ checkId: id }))
    .query(({ ctx, input }) => getCheck(ctx.db, input.checkId)),
  clear: adminProcedure("fraud:review")
    .input(clearInput)
    .mutation(({ ctx, input }) => clearCheck(ctx.db, { ...input, actorId: ctx.user.id })),
  reject: adminProcedure("fraud:review")
    .input(rejectInput)
    .mutation(({ ctx, input }) => rejectCheck(ctx.db, { ...input, actorId: ctx.user.id })),
  replyToAppeal: adminProcedure("fraud:review")
    .input(replyInput)
    .mutation(({ ctx, input }) => replyToAppeal(ctx.db, { ...input, actorId: ctx.user.id })),
  risk: adminProcedure("fraud:review")
    .input(riskInput)
    .query(({ ctx, input }) => partnerRisk(ctx.db, input)),

  blocks: adminProcedure("fraud:review")
    .input(z.object({ programId: id }))
    .query(({ ctx, input }) => listBlocks(ctx.db, input.programId)),
  block: adminProcedure("fraud:review")
    .input(blockInput)
    .mutation(({ ctx, input }) => addBlock(ctx.db, { ...input, actorId: ctx.user.id })),
  unblock: adminProcedure("fraud:review")
    .input(z.object({ blockId: id }))
    .mutation(({ ctx, input }) => revokeBlock(ctx.db, { ...input, actorId: ctx.user.id })),

  settings: adminProcedure("fraud:manage")
    .input(z.object({ programId: id }))
    .query(({ ctx, input }) => getFraudSettings(ctx.db, input.programId)),
  setProgramSettings: adminProcedure("fraud:manage")
    .input(programSettingsInput)
    .mutation(({ ctx, input }) => setProgramFraudSettings(ctx.db, { ...input, actorId: ctx.user.id })),
  setOfferSettings: adminProcedure("fraud:manage")
    .input(offerSettingsInput)
    .mutation(({ ctx, input }) => setOfferFraudSettings(ctx.db, { ...input, actorId: ctx.user.id })),

  // Partner side: every query is scoped to ctx.partnerId in its SQL.
  myReviews: partnerProcedure.input(z.object({ ...page })).query(({ ctx, input }) => listPartnerReviews(ctx.db, ctx.partnerId, input)),
  myReview: partnerProcedure.input(z.object({ conversionId: id })).query(({ ctx, input }) => getPartnerReview(ctx.db, ctx.partnerId, input.conversionId)),
  appeal: partnerProcedure.input(appealInput).mutation(({ ctx, input }) => createAppeal(ctx.db, { ...input, partnerId: ctx.partnerId })),
});
