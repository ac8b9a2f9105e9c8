import { createCreative, setCreativeStatus, updateCreative } from "@/server/creatives/save-creative";
import { creativeOptions, listCreatives } from "@/server/creatives/list-creatives";
import { listPartnerCreatives } from "@/server/creatives/list-partner-creatives";
import { adminCreativeFilter, createCreativeInput, partnerCreativeFilter, setCreativeStatusInput, updateCreativeInput } from "@/server/creatives/schemas";
import { storage } from "@/server/storage";
import { adminProcedure, createTRPCRouter, partnerProcedure } from "../init";

export const creativesRouter = createTRPCRouter({
  list: adminProcedure("program:read")
    .input(adminCreativeFilter)
    .query(({ ctx, input }) => listCreatives(ctx.db, input)),
  options: adminProcedure("program:read").query(({ ctx }) => creativeOptions(ctx.db)),
  create: adminProcedure("program:manage")
    .input(createCreativeInput)
    .mutation(({ ctx, input }) => createCreative(ctx.db, storage(), { ...input, actorId: ctx.user.id })),
  update: adminProcedure("program:manage")
    .input(updateCreativeInput)
    .mutation(({ ctx, input }) => updateCreative(ctx.db, storage(), input)),
  setStatus: adminProcedure("program:manage")
    .input(setCreativeStatusInput)
    .mutation(({ ctx, input }) => setCreativeStatus(ctx.db, input)),

  /** The partner's library: creatives visible to them now, with their own links and impressions. */
  library: partnerProcedure.input(partnerCreativeFilter).query(({ ctx, input }) => listPartnerCreatives(ctx.db, ctx.partnerId, input)),
});
