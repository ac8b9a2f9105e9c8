import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { assignPlan, addPlanVersion, createPlan, listPlans } from "@/server/commissions/manage-plans";
import { offerCommissionInput, setOfferCommission } from "@/server/commissions/offer-commission-settings";
import { planTermsSchema } from "@/server/commissions/plans/schemas";
import { planWhatIf } from "@/server/commissions/what-if";
import { whatIfInput } from "@/server/commissions/what-if-schema";
import { isCleanText } from "@/server/text";
import { adminProcedure, createTRPCRouter } from "../init";

const id = z.string().min(1).max(64);
const note = (what: string) =>
  z
    .string()
    .trim()
    .min(3, `Say ${what}`)
    .max(500)
    .refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only");
const effectiveFrom = z.coerce.date("Pick a date").optional();

/** Commission plans: building, versioning and assigning them, and the offers' qualification and hold settings. */
export const plansRouter = createTRPCRouter({
  list: adminProcedure("program:read")
    .input(z.object({ programId: id }))
    .query(({ ctx, input }) => listPlans(ctx.db, input.programId)),
  create: adminProcedure("program:manage")
    .input(z.object({ programId: id, name: z.string().trim().min(2, "Name the plan").max(80).refine((v) => isCleanText(v), "Use letters, digits and punctuation only"), description: z.string().trim().max(500).optional(), terms: planTermsSchema }))
    .mutation(({ ctx, input }) => createPlan(ctx.db, { ...input, actorId: ctx.user.id })),
  addVersion: adminProcedure("program:manage")
    .input(z.object({ planId: id, terms: planTermsSchema, effectiveFrom, note: note("what changed and why; partners see it") }))
    .mutation(({ ctx, input }) => addPlanVersion(ctx.db, { ...input, actorId: ctx.user.id })),
  assign: adminProcedure("program:manage")
    .input(z.object({ programId: id, planId: id, partnerId: id.nullable(), offerId: id.nullable(), effectiveFrom, note: note("why; the partner sees it") }))
    .mutation(({ ctx, input }) => assignPlan(ctx.db, { ...input, actorId: ctx.user.id })),
  /** What a draft (new terms) or an existing plan would have paid some partners over a past period; writes nothing. */
  whatIf: adminProcedure("program:manage")
    .input(whatIfInput)
    .mutation(({ ctx, input }) => {
      // it reads every chosen partner's earnings: a manager limited to some partners asks an admin
      if (ctx.managerScope) throw new TRPCError({ code: "FORBIDDEN", message: "A what-if reads partners' earnings: ask an admin to run one." });
      return planWhatIf(ctx.db, input);
    }),
  setOfferCommission: adminProcedure("program:manage")
    .input(offerCommissionInput)
    .mutation(({ ctx, input }) => setOfferCommission(ctx.db, input)),
});
