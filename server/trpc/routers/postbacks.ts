import { z } from "zod";
import { createPostback, listDeliveries, listPostbacks, setPostbackStatus } from "@/server/partner-postbacks/manage-postbacks";
import { POSTBACK_MACROS } from "@/server/partner-postbacks/payload";
import { resendPostback } from "@/server/partner-postbacks/schedule-deliveries";
import { savePostbackInput } from "@/server/partner-postbacks/schemas";
import { createTRPCRouter, partnerProcedure } from "../init";
import { page } from "../pagination";

const id = z.string().min(1).max(64);

/** A partner's own outbound postbacks. Every procedure passes ctx.partnerId, and the domain filters by it. */
export const postbacksRouter = createTRPCRouter({
  list: partnerProcedure.query(({ ctx }) => listPostbacks(ctx.db, ctx.partnerId)),
  macros: partnerProcedure.query(() => [...POSTBACK_MACROS]),
  create: partnerProcedure.input(savePostbackInput).mutation(({ ctx, input }) => createPostback(ctx.db, ctx.partnerId, input)),
  setStatus: partnerProcedure
    .input(z.object({ id, status: z.enum(["active", "paused"]) }))
    .mutation(({ ctx, input }) => setPostbackStatus(ctx.db, ctx.partnerId, input.id, input.status)),
  deliveries: partnerProcedure.input(z.object({ ...page })).query(({ ctx, input }) => listDeliveries(ctx.db, ctx.partnerId, input)),
  resend: partnerProcedure
    .input(z.object({ postbackId: id, conversionId: id }))
    .mutation(({ ctx, input }) => resendPostback(ctx.db, { ...input, partnerId: ctx.partnerId })),
});
