import { z } from "zod";
import { OFFER_STATUSES, OFFER_VISIBILITIES } from "@/db/schema/values";
import { currencyField, listField } from "@/server/programs/schemas";
import { EVENT_TYPE } from "@/server/shared/conversion-events";
import { isCleanText } from "@/server/text";
import { CLICK_MACROS, fillMacros, type ClickMacro } from "@/server/tracking/macros";

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const HOST = new RegExp(`^(?:\\*\\.)?(?:${LABEL}\\.)+${LABEL}$`);

/** `example.com`, or `*.example.com` for its subdomains: the forms the click handler's deep-link check knows. */
export const isHostPattern = (s: string) => s.length <= 253 && HOST.test(s);

/** What the landing URL preview fills the macros with. */
export const SAMPLE_MACRO_VALUES: Record<ClickMacro, string> = {
  click_id: "clk_01JD8Z6Q4R7N2M5K9X3V1B0C8A",
  partner_id: "prt_01JD8Z5W1E6T3Y8U0I2O4P6A9S",
  offer_id: "ofr_01JD8Z4D7F2G5H8J1K3L6Z9X0C",
  link_id: "lnk_01JD8Z3V6B9N2M4Q7W0E3R5T8Y",
  visitor_id: "vis_01JD8Z2U5I8O1P4A6S9D2F5G7H",
  sub1: "spring-promo",
  sub2: "banner 2",
  sub3: "",
  sub4: "",
  sub5: "",
  utm_source: "newsletter",
  utm_medium: "email",
  utm_campaign: "spring",
  utm_term: "",
  utm_content: "",
};

const KNOWN = new Set<string>(CLICK_MACROS);

/**
 * Why a landing URL template cannot be used, or null: every `{macro}` must be one the redirect fills, and the
 * filled URL must be an absolute http(s) URL (the redirect sends visitors nowhere else).
 */
export function landingUrlProblem(template: string): string | null {
  const unknown = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? "").find((name) => !KNOWN.has(name));
  if (unknown !== undefined) return `Unknown macro {${unknown.slice(0, 40)}}: use ${CLICK_MACROS.map((m) => `{${m}}`).join(" ")}`;
  if (/[{}]/.test(template.replace(/\{[a-z0-9_]+\}/g, ""))) return "A { or } without its pair: write macros as {click_id}";
  let url: URL;
  try {
    url = new URL(fillMacros(template, SAMPLE_MACRO_VALUES));
  } catch {
    return "Enter a full URL such as https://example.com/landing?click={click_id}";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Use an http:// or https:// URL";
  if (!url.hostname.includes(".") && url.hostname !== "localhost") return "Enter a full URL such as https://example.com/landing?click={click_id}";
  return null;
}

/** The landing URL filled with sample values, as a visitor would be sent there (null when it is not usable). */
export function previewLandingUrl(template: string): string | null {
  return landingUrlProblem(template) === null ? fillMacros(template, SAMPLE_MACRO_VALUES) : null;
}

export const attributionWindowField = z
  .number({ error: "Enter a number of days" })
  .int("Use whole days")
  .min(1, "Use 1 to 365 days")
  .max(365, "Use 1 to 365 days");
export const deepLinkHostsField = listField({ max: 50, maxLength: 5000, valid: isHostPattern, what: "a hostname (use example.com or *.example.com)", lowerCase: true });
export const eventTypesField = listField({ max: 30, maxLength: 2000, valid: (s) => EVENT_TYPE.test(s), what: "an event type (lower-case letters, digits, _; at most 32)", lowerCase: true }).refine(
  (v) => v.length > 0,
  "Enter at least one event type",
);

const offerFields = {
  name: z.string().trim().min(2, "Enter a name of at least 2 characters").max(120, "Use at most 120 characters").refine((v) => isCleanText(v), "Use letters, digits and punctuation only"),
  description: z.string().trim().max(2000, "Use at most 2000 characters").refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only"),
  landingUrl: z
    .string()
    .trim()
    .min(1, "Enter the landing page URL")
    .max(2000, "Use at most 2000 characters")
    .check((ctx) => {
      const problem = landingUrlProblem(ctx.value);
      if (problem) ctx.issues.push({ code: "custom", input: ctx.value, message: problem });
    }),
  currency: currencyField,
  eventTypes: eventTypesField,
  attributionWindowDays: attributionWindowField,
  deepLinkHosts: deepLinkHostsField,
  visibility: z.enum(OFFER_VISIBILITIES, { error: "Pick who sees this offer" }),
};

/** Shared by the offer form, `offers.create` and (later) the REST API. Lists arrive as the text the operator typed. */
export const createOfferInput = z.object({ programId: z.string({ error: "Pick a program" }).min(1, "Pick a program").max(64), ...offerFields });
export type CreateOfferInput = z.infer<typeof createOfferInput>;

export const updateOfferInput = z.object({ offerId: z.string().min(1).max(64), ...offerFields });
export type UpdateOfferInput = z.infer<typeof updateOfferInput>;

export const offerIdInput = z.object({ offerId: z.string().min(1).max(64) });

export const setOfferStatusInput = z.object({ offerId: z.string().min(1).max(64), status: z.enum(OFFER_STATUSES) });
export type SetOfferStatusInput = z.infer<typeof setOfferStatusInput>;

export const listOffersInput = z.object({
  q: z.string().trim().max(120).optional(),
  status: z.enum(OFFER_STATUSES).optional(),
  programId: z.string().max(64).optional(),
});
export type ListOffersInput = z.infer<typeof listOffersInput>;

export const requestAccessInput = z.object({
  offerId: z.string().min(1).max(64),
  message: z.string().trim().max(500, "Use at most 500 characters").refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only").optional(),
});
export type RequestAccessInput = z.infer<typeof requestAccessInput>;

export const decideAccessInput = z.object({ requestId: z.string().min(1).max(64), decision: z.enum(["approve", "deny"]) });
export type DecideAccessInput = z.infer<typeof decideAccessInput>;
