import { isIP } from "node:net";
import { z } from "zod";
import { CONTROL_MESSAGE, isCleanText } from "@/server/text";

const field = (name: string, max: number) =>
  z
    .string({ error: `${name} is required` })
    .trim()
    .min(1, `${name} is required`)
    .max(max, `${name} must be at most ${max} characters`)
    .refine((v) => isCleanText(v), `${name} ${CONTROL_MESSAGE}`);

const optional = (name: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${name} must be at most ${max} characters`)
    .refine((v) => isCleanText(v), `${name} ${CONTROL_MESSAGE}`)
    .optional();

/** Parameters of an inbound postback, as strings from a query, form or JSON body. */
export const postbackInput = z
  .object({
    token: optional("token", 200),
    click_id: optional("click_id", 64),
    customer_id: optional("customer_id", 128),
    coupon: optional("coupon", 64),
    event: field("event", 32).regex(/^[a-z0-9_]+$/, "event must be lower-case letters, digits or _ (e.g. ftd)"),
    txn_id: field("txn_id", 128),
    amount: optional("amount", 32),
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
    /** Forex trades: volume in lots (up to 2 decimals) and the instrument, for per-lot rebates. */
    lots: z
      .string()
      .trim()
      .regex(/^\d{1,9}(\.\d{1,2})?$/, "lots must be a number of lots with at most 2 decimals, such as 1.25")
      .optional(),
    instrument: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9._/-]{1,32}$/, "instrument must be a symbol such as EURUSD")
      .optional(),
    /** For fraud checks (self-referral, registration bursts): the customer's IP and e-mail, never shown to partners. */
    customer_ip: z
      .string()
      .trim()
      .refine((v) => isIP(v) !== 0, "customer_ip must be an IPv4 or IPv6 address")
      .optional(),
    customer_email: z.string().trim().max(254, "customer_email must be at most 254 characters").regex(/^[^\s@]+@[^\s@]+$/, "customer_email must be an e-mail address").optional(),
    customer_email_sha256: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[0-9a-f]{64}$/, "customer_email_sha256 must be 64 hex digits (SHA-256 of the trimmed, lower-cased address)")
      .optional(),
    adv1: optional("adv1", 255),
    adv2: optional("adv2", 255),
    adv3: optional("adv3", 255),
    adv4: optional("adv4", 255),
    adv5: optional("adv5", 255),
  })
  .refine((v) => v.click_id || v.customer_id || v.coupon, { message: "one of click_id, customer_id or coupon is required", path: ["click_id"] });

export type PostbackInput = z.infer<typeof postbackInput>;

const KEYS = ["token", "click_id", "customer_id", "coupon", "event", "txn_id", "amount", "currency", "occurred_at", "lots", "instrument", "customer_ip", "customer_email", "customer_email_sha256", "adv1", "adv2", "adv3", "adv4", "adv5"];

/** Known parameters only, with empty strings treated as absent and anything but strings or numbers ignored. */
export function pickPostbackParams(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of KEYS) {
    const v = raw[key];
    if (typeof v === "string" && v !== "") out[key] = v;
    else if (typeof v === "number" && Number.isFinite(v)) out[key] = String(v);
  }
  return out;
}
