import { z } from "zod";

const field = (name: string, max: number) =>
  z
    .string({ error: `${name} is required` })
    .trim()
    .min(1, `${name} is required`)
    .max(max, `${name} must be at most ${max} characters`);

/** Parameters of an inbound server-to-server postback, as strings from a query, form or JSON body. */
export const postbackInput = z.object({
  token: field("token", 200),
  click_id: field("click_id", 64),
  event: field("event", 32).regex(/^[a-z0-9_]+$/, "event must be lower-case letters, digits or _ (e.g. ftd)"),
  txn_id: field("txn_id", 128),
  amount: z.string().trim().max(32, "amount is too long").optional(),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "currency must be a 3-letter ISO 4217 code")
    .optional(),
  occurred_at: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), "occurred_at must be an ISO 8601 date-time"),
});

export type PostbackInput = z.infer<typeof postbackInput>;

/** Known parameters only, with empty strings treated as absent. */
export function pickPostbackParams(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(postbackInput.shape)) {
    const v = raw[key];
    if (typeof v === "string" && v !== "") out[key] = v;
    else if (typeof v === "number" && Number.isFinite(v)) out[key] = String(v);
  }
  return out;
}
