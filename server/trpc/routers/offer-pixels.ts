import { programs } from "@/db/schema";
import { offerIdInput, savePixelSettingsInput } from "@/server/offers/pixel-schemas";
import { listPixelSettings, regeneratePixelKey, savePixelSettings } from "@/server/offers/pixel-settings";
import { adminProcedure, createTRPCRouter } from "../init";

export const offerPixelsRouter = createTRPCRouter({
  list: adminProcedure("program:manage").query(async ({ ctx }) => listPixelSettings(ctx.db, (await ctx.db.select({ id: programs.id }).from(programs)).map((p) => p.id))),
  save: adminProcedure("program:manage")
    .input(savePixelSettingsInput)
    .mutation(({ ctx, input }) => savePixelSettings(ctx.db, input)),
  regenerateKey: adminProcedure("program:manage")
    .input(offerIdInput)
    .mutation(({ ctx, input }) => regeneratePixelKey(ctx.db, input)),
});
