import { z } from "zod";
import { isCleanText } from "@/server/text";

/** Shared by the sign-up form, the tRPC procedure and (later) the REST API. */
export const applyInput = z.object({
  name: z.string().trim().min(2, "Enter your name or company name").max(120).refine((v) => isCleanText(v), "Use letters, digits and punctuation only"),
  email: z.email("Enter a valid email address").max(254),
  password: z.string().min(10, "Use at least 10 characters").max(200).refine((v) => isCleanText(v), "Use letters, digits and punctuation only"),
  website: z
    .string()
    .trim()
    .max(300)
    .refine((v) => v === "" || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v), "Enter a full URL such as https://example.com")
    .optional(),
  promotionMethods: z.string().trim().max(2000).refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only").optional(),
});
export type ApplyInput = z.infer<typeof applyInput>;

export const reviewInput = z.object({
  partnerId: z.string().min(1).max(64),
  decision: z.enum(["approve", "reject"]),
  note: z.string().trim().max(500).refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only").optional(),
});
