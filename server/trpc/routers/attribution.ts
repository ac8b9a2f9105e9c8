import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { AttributionRunKind, StoredModel } from "@/db/schema";
import { explainForAdmin, explainForPartner } from "@/server/attribution/explain";
import { getAttributionSettings, refitModel } from "@/server/attribution/get-settings";
import { previewReattribution } from "@/server/attribution/reattribute";
import { getRun, listRuns, startRun } from "@/server/attribution/runs";
import { offerModelInput, programAttributionInput, rangeInput, reattributeInput, simulateInput } from "@/server/attribution/schemas";
import { setOfferModel, setProgramAttribution } from "@/server/attribution/set-attribution";
import { dispatchOutbox } from "@/server/outbox/dispatch";
import { adminProcedure, createTRPCRouter, partnerProcedure } from "../init";

const id = z.string().min(1).max(64);

/** Simulations and their runs read every partner's conversions in a period: not for a manager limited to theirs. */
function refuseManager(scope: string | null | undefined) {
  if (scope) throw new TRPCError({ code: "FORBIDDEN", message: "Simulations cover every partner: ask an admin to run one." });
}

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
    .query(({ ctx, input }) => getAttributionSettings(ctx.db, input.programId)),
  refit: adminProcedure("attribution:manage")
    .input(z.object({ programId: id }))
    .mutation(({ ctx, input }) => refitModel(ctx.db, input.programId)),
  setProgram: adminProcedure("attribution:manage")
    .input(programAttributionInput)
    .mutation(({ ctx, input }) => setProgramAttribution(ctx.db, input)),
  setOffer: adminProcedure("attribution:manage")
    .input(offerModelInput)
    .mutation(({ ctx, input }) => setOfferModel(ctx.db, input)),

  explain: adminProcedure("attribution:read")
    .input(z.object({ conversionId: id }))
    .query(({ ctx, input }) => explainForAdmin(ctx.db, input.conversionId, ctx.managerScope)),
  explainMine: partnerProcedure.input(z.object({ conversionId: id })).query(({ ctx, input }) => explainForPartner(ctx.db, ctx.partnerId, input.conversionId)),

  simulate: adminProcedure("attribution:read")
    .input(simulateInput)
    .mutation(({ ctx, input }) => {
      refuseManager(ctx.managerScope);
      return queueRun(ctx.db, ctx.user.id, "simulate", input, { models: input.models });
    }),
  previewReattribution: adminProcedure("attribution:manage")
    .input(rangeInput)
    .query(({ ctx, input }) => previewReattribution(ctx.db, input)),
  reattribute: adminProcedure("attribution:manage")
    .input(reattributeInput)
    .mutation(({ ctx, input }) => queueRun(ctx.db, ctx.user.id, "reattribute", input, { reason: input.reason })),
  run: adminProcedure("attribution:read")
    .input(z.object({ programId: id, runId: id }))
    .query(({ ctx, input }) => {
      refuseManager(ctx.managerScope);
      return getRun(ctx.db, input.programId, input.runId);
    }),
  runs: adminProcedure("attribution:read")
    .input(z.object({ programId: id }))
    .query(({ ctx, input }) => {
      refuseManager(ctx.managerScope);
      return listRuns(ctx.db, input.programId);
    }),
});
