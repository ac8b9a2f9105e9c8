import { z } from "zod";
import { PROGRAM_STATUSES, SIGN_UP_MODES } from "@/db/schema/values";
import { ipVersion } from "@/server/net/cidr-parse";
import { isCleanText } from "@/server/text";

/** Comma- or newline-separated entries, trimmed, blanks and repeats dropped. A space inside an entry is kept (and refused). */
export const splitList = (text: string) => [...new Set(text.split(/[,\r\n]+/).map((s) => s.trim()).filter(Boolean))];

/** An IPv4 or IPv6 address, or a CIDR range of either (`203.0.113.0/24`, `2001:db8::/32`). */
export function isIpOrCidr(entry: string): boolean {
  const [addr = "", bits, extra] = entry.split("/");
  if (extra !== undefined) return false;
  const version = ipVersion(addr);
  const max = version === 4 ? 32 : version === 6 ? 128 : 0;
  if (max === 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
}

/** A text field of list entries, each checked; the first bad one is named in the message. */
export function listField(opts: { max: number; maxLength: number; valid: (s: string) => boolean; what: string; lowerCase?: boolean }) {
  return z
    .string()
    .max(opts.maxLength, "This list is too long")
    .transform((text) => splitList(opts.lowerCase ? text.toLowerCase() : text))
    .check((ctx) => {
      const bad = ctx.value.find((v) => !opts.valid(v));
      if (bad !== undefined) ctx.issues.push({ code: "custom", input: ctx.value, message: `“${bad.slice(0, 60)}” is not ${opts.what}` });
      else if (ctx.value.length > opts.max) ctx.issues.push({ code: "custom", input: ctx.value, message: `Enter at most ${opts.max} entries` });
    });
}

const programId = z.string().min(1).max(64);

/** Shared by the postback security form and `programs.setIpAllowlist`. Empty allows every address. */
export const ipAllowlistInput = z.object({
  programId,
  allowlist: listField({ max: 100, maxLength: 5000, valid: isIpOrCidr, what: "an IP address or CIDR range (e.g. 203.0.113.7 or 203.0.113.0/24)" }),
});
export type IpAllowlistInput = z.infer<typeof ipAllowlistInput>;

export const programIdInput = z.object({ programId });

/** A real IANA zone that Intl knows (the browser and the server agree), e.g. Europe/Malta or UTC. */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const currencies = new Set(Intl.supportedValuesOf("currency"));
/** An ISO 4217 code, upper-cased first: `eur` is EUR, `EUX` is refused. */
export const currencyField = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => /^[A-Z]{3}$/.test(v) && currencies.has(v), "Enter an ISO 4217 currency code such as USD or EUR");

const programFields = {
  name: z.string().trim().min(2, "Enter a name of at least 2 characters").max(120, "Use at most 120 characters").refine((v) => isCleanText(v), "Use letters, digits and punctuation only"),
  defaultCurrency: currencyField,
  timeZone: z.string().trim().max(64).refine(isTimeZone, "Enter an IANA time zone such as Europe/Malta or UTC"),
  signUpMode: z.enum(SIGN_UP_MODES, { error: "Pick how partners join" }),
};

/** Shared by the program form and `programs.create`. */
export const createProgramInput = z.object(programFields);
export type CreateProgramInput = z.infer<typeof createProgramInput>;
export const updateProgramInput = z.object({ programId, ...programFields });
export type UpdateProgramInput = z.infer<typeof updateProgramInput>;

/** How long a replaced postback token keeps working, so the operator's backend can switch without losing conversions. */
export const GRACE_HOURS = [0, 1, 24, 72, 168, 720] as const;
export const regeneratePostbackTokenInput = z.object({
  programId,
  graceHours: z.number().int().refine((h) => (GRACE_HOURS as readonly number[]).includes(h), "Pick a grace period"),
});
export type RegeneratePostbackTokenInput = z.infer<typeof regeneratePostbackTokenInput>;

export const setProgramStatusInput = z.object({ programId, status: z.enum(PROGRAM_STATUSES) });
export type SetProgramStatusInput = z.infer<typeof setProgramStatusInput>;
