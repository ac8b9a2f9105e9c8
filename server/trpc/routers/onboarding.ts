import { z } from "zod";
import { assignPlanToGroup, deleteGroup, listGroups, saveGroup, setOfferGroups, setPartnerGroups } from "@/server/partners/groups";
import { partnerTypes, setPartnerTypes } from "@/server/partners/partner-types";
import { groupInput, groupPlanInput, offerGroupsInput, partnerGroupsInput, partnerTypesInput, publishTermsInput } from "@/server/partners/schemas";
import { questionInput } from "@/server/partners/question-schemas";
import { archiveQuestion, listQuestions, saveQuestion } from "@/server/partners/signup-questions";
import { acceptTerms, listTermsVersions, partnerTermsStatus, publishTerms } from "@/server/partners/terms";
import { addPartner } from "@/server/partners/add-partner";
import { createInvite, listInvites, revokeInvite } from "@/server/partners/invites";
import { addPartnerInput, createInviteInput } from "@/server/partners/schemas";
import { adminProcedure, createTRPCRouter, partnerProcedure } from "../init";

const id = z.string().min(1).max(64);

/** Running a program's partners: types, groups, sign-up questions, terms, invitations and partners added by hand. */
export const onboardingRouter = createTRPCRouter({
  partnerTypes: adminProcedure("partners:review").query(({ ctx }) => partnerTypes(ctx.db)),
  setPartnerTypes: adminProcedure("program:manage")
    .input(partnerTypesInput)
    .mutation(({ ctx, input }) => setPartnerTypes(ctx.db, input)),

  groups: adminProcedure("partners:review").query(({ ctx }) => listGroups(ctx.db)),
  saveGroup: adminProcedure("program:manage")
    .input(groupInput)
    .mutation(({ ctx, input }) => saveGroup(ctx.db, input)),
  deleteGroup: adminProcedure("program:manage")
    .input(z.object({ groupId: id }))
    .mutation(({ ctx, input }) => deleteGroup(ctx.db, input.groupId)),
  setPartnerGroups: adminProcedure("partners:review")
    .input(partnerGroupsInput)
    .mutation(({ ctx, input }) => setPartnerGroups(ctx.db, input)),
  setOfferGroups: adminProcedure("program:manage")
    .input(offerGroupsInput)
    .mutation(({ ctx, input }) => setOfferGroups(ctx.db, input)),
  assignPlanToGroup: adminProcedure("program:manage")
    .input(groupPlanInput)
    .mutation(({ ctx, input }) => assignPlanToGroup(ctx.db, { ...input, actorId: ctx.user.id })),

  questions: adminProcedure("program:read")
    .input(z.object({ programId: id }))
    .query(({ ctx, input }) => listQuestions(ctx.db, input.programId)),
  saveQuestion: adminProcedure("program:manage")
    .input(questionInput)
    .mutation(({ ctx, input }) => saveQuestion(ctx.db, input)),
  archiveQuestion: adminProcedure("program:manage")
    .input(z.object({ questionId: id }))
    .mutation(({ ctx, input }) => archiveQuestion(ctx.db, input.questionId)),

  termsVersions: adminProcedure("program:read")
    .input(z.object({ programId: id }))
    .query(({ ctx, input }) => listTermsVersions(ctx.db, input.programId)),
  publishTerms: adminProcedure("program:manage")
    .input(publishTermsInput)
    .mutation(({ ctx, input }) => publishTerms(ctx.db, { ...input, actorId: ctx.user.id })),
  addPartner: adminProcedure("partners:review")
    .input(addPartnerInput)
    .mutation(({ ctx, input }) => addPartner(ctx.db, { ...input, actor: { id: ctx.user.id, name: ctx.user.name } })),
  invites: adminProcedure("partners:review").query(({ ctx }) => listInvites(ctx.db)),
  createInvite: adminProcedure("partners:review")
    .input(createInviteInput)
    .mutation(({ ctx, input }) => createInvite(ctx.db, { ...input, actorId: ctx.user.id })),
  revokeInvite: adminProcedure("partners:review")
    .input(z.object({ inviteId: id }))
    .mutation(({ ctx, input }) => revokeInvite(ctx.db, input.inviteId)),

  // the partner's side, scoped to ctx.partnerId
  myTerms: partnerProcedure.query(({ ctx }) => partnerTermsStatus(ctx.db, ctx.partnerId)),
  acceptTerms: partnerProcedure
    .input(z.object({ termsVersionId: id }))
    .mutation(({ ctx, input }) => acceptTerms(ctx.db, { partnerId: ctx.partnerId, termsVersionId: input.termsVersionId, ip: ctx.ip ?? null })),
});
