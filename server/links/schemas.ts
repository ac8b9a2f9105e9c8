import { z } from "zod";

export const ALIAS_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** An optional readable code (`spring-promo`). Lower-cased before it is checked; "" means none. */
export const aliasField = z
  .string()
  .trim()
  .toLowerCase()
  .max(40, "Use at most 40 characters")
  .refine((v) => v === "" || v.length >= 3, "Use at least 3 characters")
  .refine((v) => v === "" || ALIAS_PATTERN.test(v), "Use lower-case letters, digits and dashes, starting with a letter or digit");

/** Shared by the portal's "New link" form and the `links.create` procedure. */
export const createLinkInput = z.object({
  offerId: z.string({ error: "Pick an offer" }).trim().min(1, "Pick an offer").max(64),
  label: z.string().trim().max(80, "Use at most 80 characters").optional(),
  alias: aliasField.optional(),
});
export type CreateLinkInput = z.infer<typeof createLinkInput>;

export const setLinkStatusInput = z.object({
  linkId: z.string().min(1).max(64),
  status: z.enum(["active", "paused"]),
});
export type SetLinkStatusInput = z.infer<typeof setLinkStatusInput>;
