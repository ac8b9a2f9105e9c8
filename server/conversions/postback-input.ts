import { z } from "zod";
import { ipVersion } from "@/server/net/cidr-parse";
import { CONTROL_MESSAGE, isCleanText } from "@/server/text";
import { ISO_DATE_TIME_EXAMPLE, parseIsoDateTime } from "@/server/time/iso-date-time";

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

/** Conversions older than this are a typo or a unit mistake (seconds read as a year), not a late report. */
const EARLIEST_OCCURRED_AT = Date.UTC(2000, 0, 1);

/** Parameters of an inbound postback, as strings from a query, form or JSON body. */
export const postbackInput = z.object({
  token: optional("token", 200),
  click_id: optional("click_id", 64),
  customer_id: optional("customer_id", 128),
  coupon: optional("coupon", 64),
  event: field("event", 32).regex(/^[a-z0-9_]+$/, "event must be lower-case letters, digits or _ (e.g. ftd)"),
  txn_id: field("txn_id", 128),
  /** For a refund or chargeback: your id of this refund, so several partial refunds of one txn_id each count once. */
  refund_id: optional("refund_id", 128),
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
    .refine((v) => parseIsoDateTime(v) !== null, `occurred_at must be an ISO 8601 date-time with a time zone, such as ${ISO_DATE_TIME_EXAMPLE}`)
    .refine((v) => (parseIsoDateTime(v)?.getTime() ?? EARLIEST_OCCURRED_AT) >= EARLIEST_OCCURRED_AT, "occurred_at must not be before the year 2000")
    .optional(),
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
  /**
   * For fraud checks (self-referral, registration bursts): the customer's IP and e-mail, never shown to partners.
   * A plain address only: a zone id (fe80::1%eth0) or a range is no customer's address, and PostgreSQL's inet
   * refuses the zone id.
   */
  customer_ip: z
    .string()
    .trim()
    .refine((v) => ipVersion(v) !== 0, "customer_ip must be an IPv4 or IPv6 address (without a zone id or prefix)")
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
});

export type PostbackInput = z.infer<typeof postbackInput>;

/** One thing wrong with a request, named by its parameter: a 400 lists every one of them. */
export type Problem = { field: string; message: string };

export const POSTBACK_KEYS = Object.keys(postbackInput.shape) as (keyof PostbackInput)[];

export type CheckedPostback = { ok: true; input: PostbackInput; params: Record<string, string> } | { ok: false; problems: Problem[] };

function describeJson(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "number") return String(v);
  return typeof v === "object" ? "an object" : String(v);
}

/**
 * Known parameters only, each a string (a finite JSON number is read as its decimal text). Empty strings are
 * absent. Anything else a JSON body can hold (true, null, [1], {}, or 1e309, which JSON.parse reads as
 * Infinity) is a problem named by its field, never quietly dropped: a dropped amount is a conversion paid as
 * if it had none.
 */
export function pickPostbackParams(raw: Record<string, unknown>): { params: Record<string, string>; problems: Problem[] } {
  const params: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const key of POSTBACK_KEYS) {
    const v = raw[key];
    // Absent, or an optional field left undefined by an in-process caller (JSON has no undefined; null is refused).
    if (!Object.hasOwn(raw, key) || v === undefined) continue;
    if (typeof v === "string") {
      if (v !== "") params[key] = v;
    } else if (typeof v === "number" && Number.isFinite(v)) {
      params[key] = String(v);
    } else {
      const example = key === "amount" ? ' such as "19.99"' : "";
      problems.push({ field: key, message: `${key} must be a string${example}, not ${describeJson(v)}` });
    }
  }
  return { params, problems };
}

/**
 * The one validator of reported conversions (server postbacks and the pixel): every problem of the request at
 * once, each naming its field, so a sender fixes their integration in one round.
 */
export function checkPostbackParams(raw: Record<string, unknown>, drop: readonly (keyof PostbackInput)[] = []): CheckedPostback {
  const { params, problems } = pickPostbackParams(raw);
  for (const key of drop) delete params[key];
  const parsed = postbackInput.safeParse(params);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ field: String(issue.path[0] ?? "request"), message: issue.message });
  }
  const has = (k: string) => (params[k] ?? "").trim() !== "" || problems.some((p) => p.field === k);
  if (!has("click_id") && !has("customer_id") && !has("coupon")) problems.push({ field: "click_id", message: "one of click_id, customer_id or coupon is required" });
  if ((params.currency ?? "").trim() !== "" && !has("amount")) problems.push({ field: "currency", message: "currency was sent without an amount" });
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, input: parsed.data, params };
}

export const sortProblems = (problems: Problem[]): Problem[] => [...problems].sort((a, b) => a.field.localeCompare(b.field));

export const problemMessage = (problems: Problem[]): string => problems.map((p) => p.message).join("; ");
