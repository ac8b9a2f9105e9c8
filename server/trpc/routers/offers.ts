import { z } from "zod";
import { createOffer } from "@/server/offers/create-offer";
import { decideAccessRequest } from "@/server/offers/decide-access-request";
import { duplicateOffer } from "@/server/offers/duplicate-offer";
import { getOffer } from "@/server/offers/get-offer";
import { listOffers } from "@/server/offers/list-offers";
import { listPartnerOffers } from "@/server/offers/list-partner-offers";
import { requestOfferAccess } from "@/server/offers/request-offer-access";
import { createOfferInput, decideAccessInput, listOffersInput, offerIdInput, requestAccessInput, setOfferStatusInput, updateOfferInput } from "@/server/offers/schemas";
import { setOfferStatus } from "@/server/offers/set-offer-status";
import { updateOffer } from "@/server/offers/update-offer";
import { assertAccessRequestInScope } from "@/server/partners/manager-scope";
import { adminProcedure, createTRPCRouter, partnerProcedure } from "../init";

export const offersRouter = createTRPCRouter({
  list: adminProcedure("program:read")
    .input(listOffersInput)
    .query(({ ctx, input }) => listOffers(ctx.db, input)),
  get: adminProcedure("program:read")
    .input(z.object({ offerId: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => getOffer(ctx.db, input.offerId)),
  create: adminProcedure("program:manage")
    .input(createOfferInput)
    .mutation(({ ctx, input }) => createOffer(ctx.db, input)),
  update: adminProcedure("program:manage")
    .input(updateOfferInput)
    .mutation(({ ctx, input }) => updateOffer(ctx.db, input)),
  setStatus: adminProcedure("program:manage")
    .input(setOfferStatusInput)
    .mutation(({ ctx, input }) => setOfferStatus(ctx.db, input)),
  duplicate: adminProcedure("program:manage")
    .input(offerIdInput)
    .mutation(({ ctx, input }) => duplicateOffer(ctx.db, input)),
  decideAccess: adminProcedure("partners:review")
    .input(decideAccessInput)
    .mutation(async ({ ctx, input }) => {
      await assertAccessRequestInScope(ctx.db, ctx.managerScope, input.requestId);
      return decideAccessRequest(ctx.db, { ...input, actorId: ctx.user.id });
    }),

  // the partner's side: the catalogue and access requests, scoped to ctx.partnerId
  available: partnerProcedure.query(({ ctx }) => listPartnerOffers(ctx.db, ctx.partnerId)),
  requestAccess: partnerProcedure
    .input(requestAccessInput)
    .mutation(({ ctx, input }) => requestOfferAccess(ctx.db, { ...input, partnerId: ctx.partnerId })),
});
