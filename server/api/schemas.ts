import { z } from "zod";
import { isCleanText } from "@/server/text";
import { API_SCOPES, type ApiScope } from "./scopes";

const name = z
  .string()
  .trim()
  .min(2, "Enter a name of at least 2 characters")
  .max(80, "Use at most 80 characters")
  .refine((v) => isCleanText(v), "Use letters, digits and punctuation only");
const expiresInDays = z.number({ error: "Enter a number of days" }).int("Use whole days").min(1, "Use 1 to 730 days").max(730, "Use 1 to 730 days").nullable();

/** Shared by the Settings > API keys form and `apiKeys.create`. `programId` null: every program. */
export const createApiKeyInput = z.object({
  name,
  programId: z.string().min(1).max(64).nullable(),
  scopes: z
    .array(z.enum(API_SCOPES as [ApiScope, ...ApiScope[]]))
    .min(1, "Pick at least one scope")
    .max(API_SCOPES.length),
  expiresInDays,
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

/** Shared by the portal's token form and `partnerTokens.create`. */
export const createPartnerTokenInput = z.object({ name, expiresInDays });
export type CreatePartnerTokenInput = z.infer<typeof createPartnerTokenInput>;

export const revokeInput = z.object({ id: z.string().min(1).max(64) });
