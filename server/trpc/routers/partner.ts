import { z } from "zod";
import { COMMISSION_STATUSES } from "@/server/commissions/commission-status";
import { getBalances } from "@/server/commissions/get-balances";
import { listCommissions } from "@/server/commissions/list-commissions";
import { applyPartner } from "@/server/partners/apply-partner";
import { getPartnerLinks } from "@/server/partners/get-partner-links";
import { applyInput } from "@/server/partners/schemas";
import { createTRPCRouter, partnerProcedure, publicProcedure } from "../init";
import { page } from "../pagination";

export const partnerRouter = createTRPCRouter({
  signUp: publicProcedure.input(applyInput).mutation(({ ctx, input }) => applyPartner(ctx.db, input)),

  // Every query below is scoped to ctx.partnerId in its SQL.
  balances: partnerProcedure.query(({ ctx }) => getBalances(ctx.db, ctx.partnerId)),
  links: partnerProcedure.query(({ ctx }) => getPartnerLinks(ctx.db, ctx.partnerId)),
  commissions: partnerProcedure
    .input(z.object({ status: z.enum(COMMISSION_STATUSES).optional(), ...page }))
    .query(({ ctx, input }) => listCommissions(ctx.db, { ...input, partnerId: ctx.partnerId })),
});
