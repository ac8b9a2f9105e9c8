import { z } from "zod";
import { DOCUMENT_TYPES, REQUIREMENT_SCOPES } from "@/db/schema";
import { isCleanText } from "@/server/text";
import { normaliseVat, vatFormatError } from "./vat";

export { DOCUMENT_LABELS } from "./labels";

export const text = (name: string, min: number, max: number, multiline = false) =>
  z
    .string()
    .trim()
    .min(min, min > 0 ? `Enter the ${name}` : undefined)
    .max(max, `The ${name} must be at most ${max} characters`)
    .refine((v) => isCleanText(v, multiline), `The ${name} may contain letters, digits and punctuation only`);

const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "Pick a country (two-letter code such as DE or US)");

/** A VAT number checked against the country's format; an empty one is none. */
function withVat<T extends { country: string; vatNumber?: string | null }>(v: T, ctx: z.RefinementCtx) {
  if (!v.vatNumber) return;
  const error = vatFormatError(v.country, normaliseVat(v.country, v.vatNumber));
  if (error) ctx.addIssue({ code: "custom", path: ["vatNumber"], message: error });
}


export const requirementInput = z
  .object({
    id: z.string().min(1).max(64).optional(),
    type: z.enum(DOCUMENT_TYPES, "Pick a document type"),
    label: text("label", 2, 80),
    scope: z.enum(REQUIREMENT_SCOPES, "Pick who must provide it"),
    countries: z.array(country).max(250).default([]),
    blocksPayouts: z.boolean().default(true),
    expires: z.boolean().default(false),
  })
  .refine((v) => v.scope === "all" || v.countries.length > 0, { path: ["countries"], message: "Name at least one country, or ask every partner" });
export type RequirementInput = z.input<typeof requirementInput>;

export const partnerBillingInput = z
  .object({
    legalName: text("legal name", 2, 140),
    address: text("address", 5, 400, true),
    country,
    vatNumber: z
      .string()
      .trim()
      .max(20, "A VAT number has at most 20 characters")
      .transform((v) => (v === "" ? null : v))
      .nullable()
      .default(null),
    isBusiness: z.boolean().default(false),
  })
  .superRefine(withVat)
  .transform((v) => ({ ...v, vatNumber: v.vatNumber ? normaliseVat(v.country, v.vatNumber) : null }));
export type PartnerBillingInput = z.input<typeof partnerBillingInput>;

export const operatorSettingsInput = z
  .object({
    legalName: text("company name", 2, 140),
    address: text("address", 5, 400, true),
    country,
    vatNumber: z
      .string()
      .trim()
      .max(20, "A VAT number has at most 20 characters")
      .transform((v) => (v === "" ? null : v))
      .nullable()
      .default(null),
    email: z.union([z.literal(""), z.email("Enter an e-mail address").max(254)]).transform((v) => v || null).nullable().default(null),
    registration: text("registration number", 0, 60).transform((v) => v || null).nullable().default(null),
    documentRetentionDays: z.number({ error: "Enter a number of days" }).int("Enter whole days").min(30, "Keep documents at least 30 days").max(36500, "At most 100 years"),
  })
  .superRefine(withVat)
  .transform((v) => ({ ...v, vatNumber: v.vatNumber ? normaliseVat(v.country, v.vatNumber) : null }));
export type OperatorSettingsInput = z.input<typeof operatorSettingsInput>;

export const reviewDocumentInput = z
  .object({
    documentId: z.string().min(1).max(64),
    decision: z.enum(["approve", "reject"]),
    reason: text("reason", 0, 500, true).optional(),
    /** Set or corrected by the reviewer (what the document says). */
    expiresAt: z.coerce.date().optional(),
  })
  .refine((v) => v.decision === "approve" || (v.reason ?? "").length >= 3, { path: ["reason"], message: "Tell the partner why (they see this)" });
