import { createOwner } from "@/server/setup/create-owner";
import { createOwnerInput } from "@/server/setup/schemas";
import { createTRPCRouter, publicProcedure } from "../init";

/** First run: the one-time setup link creates the owner. The token is the authorization. */
export const setupRouter = createTRPCRouter({
  createOwner: publicProcedure.input(createOwnerInput).mutation(({ ctx, input }) => createOwner(ctx.db, input)),
});
