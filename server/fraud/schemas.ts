import { z } from "zod";
import type { FraudBlockKind } from "@/db/schema";
import { isCleanText } from "@/server/text";
import { fraudConfigSchema } from "./rules/config";
import { REASON_CODES } from "./rules/types";

// Declared here, not imported from the schema or the queue: forms in the browser use these schemas.
const BLOCK_KINDS = ["ip", "cidr", "sub_id"] as const satisfies readonly FraudBlockKind[];
export const QUEUE_VIEWS = ["open", "appealed", "cleared", "rejected", "all"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

const id = z.string().min(1).max(64);
const text = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .min(min, message)
    .max(max, `At most ${max} characters`)
    .refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only");

export const queueInput = z.object({
  programId: id,
  view: z.enum(QUEUE_VIEWS).optional(),
  partnerId: id.optional(),
  offerId: id.optional(),
  action: z.enum(["allow", "flag", "hold", "reject"]).optional(),
  code: z.enum(REASON_CODES).optional(),
});

export const clearInput = z.object({
  checkId: id,
  note: text(0, 1000, "").optional(),
  reply: text(0, 1000, "").optional(),
});

export const rejectInput = z.object({
  checkId: id,
  note: text(3, 1000, "Say why (at least 3 characters)"),
  reply: text(0, 1000, "").optional(),
});

export const replyInput = z.object({ appealId: id, reply: text(3, 1000, "Write a reply (at least 3 characters)") });

export const blockInput = z.object({
  programId: id,
  kind: z.enum(BLOCK_KINDS),
  value: z.string().trim().min(1, "Enter what to block").max(128, "At most 128 characters").refine((v) => isCleanText(v), "Use letters, digits and punctuation only"),
  partnerId: id.optional(),
  reason: text(3, 500, "Say why (at least 3 characters)"),
});

export const riskInput = z.object({ programId: id, days: z.number().int().min(1).max(365).default(30) });

const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "Use two-letter country codes such as DE or US");

export const programSettingsInput = z.object({ programId: id, config: fraudConfigSchema });
export const offerSettingsInput = z.object({ offerId: id, config: fraudConfigSchema, allowedCountries: z.array(country).max(250) });

export const appealInput = z.object({ conversionId: id, message: text(10, 2000, "Tell the program what happened (at least 10 characters)") });
