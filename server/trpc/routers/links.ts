import { createLink } from "@/server/links/create-link";
import { listLinkOffers } from "@/server/links/list-link-offers";
import { createLinkInput, setLinkStatusInput } from "@/server/links/schemas";
import { setLinkStatus } from "@/server/links/set-link-status";
import { createTRPCRouter, partnerProcedure } from "../init";

/** The partner's link manager. The list is `partner.links`; every write is scoped to ctx.partnerId in SQL. */
export const linksRouter = createTRPCRouter({
  offers: partnerProcedure.query(({ ctx }) => listLinkOffers(ctx.db, ctx.partnerId)),
  create: partnerProcedure.input(createLinkInput).mutation(({ ctx, input }) => createLink(ctx.db, { ...input, partnerId: ctx.partnerId })),
  setStatus: partnerProcedure.input(setLinkStatusInput).mutation(({ ctx, input }) => setLinkStatus(ctx.db, { ...input, partnerId: ctx.partnerId })),
});
