import { createApiKey, createPartnerToken, listApiKeys, listPartnerTokens, revokeApiKey, revokePartnerToken } from "@/server/api/manage-keys";
import { createApiKeyInput, createPartnerTokenInput, revokeInput } from "@/server/api/schemas";
import { listPrograms } from "@/server/programs/list-programs";
import { adminProcedure, createTRPCRouter, partnerProcedure } from "../init";

/** Settings > API keys: owners and admins create and revoke the operator API's keys. */
export const apiKeysRouter = createTRPCRouter({
  list: adminProcedure("api_keys:manage").query(async ({ ctx }) => {
    const [keys, programs] = await Promise.all([listApiKeys(ctx.db), listPrograms(ctx.db)]);
    return { keys, programs: programs.map((p) => ({ id: p.id, name: p.name })) };
  }),
  // the answer holds the secret, shown once; the audit log redacts it (server/audit/redact.ts)
  create: adminProcedure("api_keys:manage")
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, { ...input, actorId: ctx.user.id })),
  revoke: adminProcedure("api_keys:manage")
    .input(revokeInput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, input)),
});

/** The portal's personal tokens for the partner API: every query is the signed-in partner's own. */
export const partnerTokensRouter = createTRPCRouter({
  list: partnerProcedure.query(({ ctx }) => listPartnerTokens(ctx.db, ctx.partnerId)),
  create: partnerProcedure.input(createPartnerTokenInput).mutation(({ ctx, input }) => createPartnerToken(ctx.db, ctx.partnerId, input)),
  revoke: partnerProcedure.input(revokeInput).mutation(({ ctx, input }) => revokePartnerToken(ctx.db, ctx.partnerId, input)),
});
