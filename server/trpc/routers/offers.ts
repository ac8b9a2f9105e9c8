import { updateOfferInput } from "@/server/offers/schemas";
import { updateOffer } from "@/server/offers/update-offer";
import { adminProcedure, createTRPCRouter } from "../init";

export const offersRouter = createTRPCRouter({
  update: adminProcedure("program:manage")
    .input(updateOfferInput)
    .mutation(({ ctx, input }) => updateOffer(ctx.db, input)),
});
