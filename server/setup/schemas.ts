import { z } from "zod";
import { isCleanText } from "@/server/text";

/** Shared by the setup form and `setup.createOwner`. The password rule is the sign-up's. */
export const createOwnerInput = z.object({
  token: z.string().min(1).max(200),
  name: z.string().trim().min(2, "Enter your name").max(120).refine((v) => isCleanText(v), "Use letters, digits and punctuation only"),
  email: z.email("Enter a valid email address").max(254),
  password: z.string().min(10, "Use at least 10 characters").max(200).refine((v) => isCleanText(v), "Use letters, digits and punctuation only"),
});
export type CreateOwnerInput = z.infer<typeof createOwnerInput>;
