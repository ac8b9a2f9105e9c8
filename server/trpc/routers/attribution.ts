import { z } from "zod";
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { modelFits, offers, programs, type AttributionRunKind, type StoredModel } from "@/db/schema";
import { explainForAdmin, explainForPartner } from "@/server/attribution/explain";
import { fitModel } from "@/server/attribution/fit-model";
import { DEFAULT_MIN_CONVERSIONS } from "@/server/attribution/markov";
import { previewReattribution } from "@/server/attribution/reattribute";
import { getRun, listRuns, startRun } from "@/server/attribution/runs";
import { offerModelInput, programAttributionInput, rangeInput, reattributeInput, simulateInput } from "@/server/attribution/schemas";
import { setOfferModel, setProgramAttribution } from "@/server/attribution/set-attribution";
import { DomainError } from "@/server/errors";
import { dispatchOutbox } from "@/server/jobs/outbox";
import { adminProcedure, createTRPCRouter, partnerProcedure } from "../init";

const id = z.string().min(1).max(64);

type Range = { programId: string; from: Date; to: Date; offerId?: string | null };

/** Queues a background run over a period and hands it to the job runner at once. */
async function queueRun(db: Db, actorId: string, kind: AttributionRunKind, r: Range, extra: { models?: StoredModel[]; reason?: string }) {
  const run = await startRun(db, { programId: r.programId, kind, params: { from: r.from.toISOString(), to: r.to.toISOString(), offerId: r.offerId ?? null, ...extra }, actorId });
  dispatchOutbox(db, run.outboxId);
  return { runId: run.runId };
}

/** Attribution settings, explanations, the simulator and re-attribution. */
export const attributionRouter = createTRPCRouter({
  settings: adminProcedure("attribution:read")
    .input(z.object({ programId: id }))
    .query(async ({ ctx, input }) => {
      const [program] = await ctx.db
        .select({ id: programs.id, name: programs.name, model: programs.attributionModel, priority: programs.attributionPriority })
        .from(programs)
        .where(eq(programs.id, input.programId));
      if (!program) throw new DomainError("NOT_FOUND", "Program not found");
      const offerRows = await ctx.db
        .select({ id: offers.id, name: offers.name, model: offers.attributionModel, windowDays: offers.attributionWindowDays })
        .from(offers)
        .where(eq(offers.programId, input.programId))
        .orderBy(offers.name);
      const [fit] = await ctx.db
        .select({ journeys: modelFits.journeys, conversions: modelFits.conversions, sufficient: modelFits.sufficient, fromAt: modelFits.fromAt, toAt: modelFits.toAt, createdAt: modelFits.createdAt })
        .from(modelFits)
        .where(eq(modelFits.programId, input.programId))
        .orderBy(desc(modelFits.createdAt))
        .limit(1);
      return { program, offers: offerRows, fit: fit ?? null, minConversions: DEFAULT_MIN_CONVERSIONS };
    }),
  refit: adminProcedure("attribution:manage")
    .input(z.object({ programId: id }))
    .mutation(async ({ ctx, input }) => {
      const fit = await fitModel(ctx.db, input.programId);
      return { journeys: fit.journeys, conversions: fit.conversions, sufficient: fit.sufficient };
    }),
  setProgram: adminProcedure("attribution:manage")
    .input(programAttributionInput)
    .mutation(({ ctx, input }) => setProgramAttribution(ctx.db, input)),
  setOffer: adminProcedure("attribution:manage")
    .input(offerModelInput)
    .mutation(({ ctx, input }) => setOfferModel(ctx.db, input)),

  explain: adminProcedure("attribution:read")
    .input(z.object({ conversionId: id }))
    .query(({ ctx, input }) => explainForAdmin(ctx.db, input.conversionId)),
  explainMine: partnerProcedure.input(z.object({ conversionId: id })).query(({ ctx, input }) => explainForPartner(ctx.db, ctx.partnerId, input.conversionId)),

  simulate: adminProcedure("attribution:read")
    .input(simulateInput)
    .mutation(({ ctx, input }) => queueRun(ctx.db, ctx.user.id, "simulate", input, { models: input.models })),
  previewReattribution: adminProcedure("attribution:manage")
    .input(rangeInput)
    .query(({ ctx, input }) => previewReattribution(ctx.db, input)),
  reattribute: adminProcedure("attribution:manage")
    .input(reattributeInput)
    .mutation(({ ctx, input }) => queueRun(ctx.db, ctx.user.id, "reattribute", input, { reason: input.reason })),
  run: adminProcedure("attribution:read")
    .input(z.object({ programId: id, runId: id }))
    .query(({ ctx, input }) => getRun(ctx.db, input.programId, input.runId)),
  runs: adminProcedure("attribution:read")
    .input(z.object({ programId: id }))
    .query(({ ctx, input }) => listRuns(ctx.db, input.programId)),
});
