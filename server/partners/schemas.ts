import { z } from "zod";
import { PARTNER_STATUSES } from "@/db/schema/values";
import { isCleanText } from "@/server/text";

export const PARTNER_ACTIONS = ["approve", "reject", "suspend", "reactivate", "close"] as const;
export type PartnerAction = (typeof PARTNER_ACTIONS)[number];

/** Shared by the sign-up form, the tRPC procedure and (later) the REST API. */
export const applyInput = z.object({
  name: z.string().trim().min(2, "Name must be at least 2 characters").max(120, "Name must be at most 120 characters").refine((v) => isCleanText(v), "Use letters, digits and punctuation only"),
  email: z.email("Enter a valid email address").max(254),
  password: z.string().min(10, "Use at least 10 characters").max(200).refine((v) => isCleanText(v), "Use letters, digits and punctuation only"),
  website: z
    .string()
    .trim()
    .max(300)
    .refine((v) => v === "" || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v), "Enter a full URL such as https://example.com")
    .optional(),
  promotionMethods: z.string().trim().max(2000).refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only").optional(),
  trafficSources: z.array(z.string().trim().min(1).max(80).refine((v) => isCleanText(v), "Use letters, digits and punctuation only")).max(20, "At most 20 traffic sources").optional(),
  /** The code of the recruit link the applicant came through (/signup?ref=<code>). */
  recruitCode: z.string().trim().regex(/^[a-z0-9]{4,32}$/i, "This recruit link is not valid").optional(),
  /** Answers to the program's sign-up questions, by question id (checked against the questions by the server). */
  answers: z
    .record(z.string().min(1).max(64), z.string().max(5000))
    .refine((v) => Object.keys(v).length <= 100, "Too many answers")
    .optional(),
  /** The terms version the applicant read and accepted (required when the program has published terms). */
  termsVersionId: z.string().min(1).max(64).optional(),
  acceptTerms: z.boolean().optional(),
  /** The token of an invitation link (/signup?invite=<token>): lets the applicant in when sign-up is by invitation. */
  inviteToken: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "This invitation link is not valid").optional(),
});
export type ApplyInput = z.infer<typeof applyInput>;

export const reviewInput = z.object({
  partnerId: z.string().min(1).max(64),
  decision: z.enum(["approve", "reject"]),
  note: z.string().trim().max(500).refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only").optional(),
});

const cleanLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => isCleanText(v), "Use letters, digits and punctuation only");
const cleanText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only");
const entityId = z.string().min(1).max(64);
const isoDate = z.iso.date("Use a date such as 2026-01-31").transform((v) => new Date(`${v}T00:00:00Z`));

export const partnerListFilter = z.object({
  q: cleanLine(120).optional(),
  status: z.enum(PARTNER_STATUSES).optional(),
  type: cleanLine(60).optional(),
  groupId: entityId.optional(),
  managerUserId: entityId.optional(),
  country: z.string().regex(/^[A-Z]{2}$/, "Use a two-letter country code").optional(),
  signedUpFrom: isoDate.optional(),
  signedUpTo: isoDate.optional(),
  sort: z.enum(["newest", "oldest", "name"]).optional(),
});
export type PartnerListFilter = z.infer<typeof partnerListFilter>;

export const partnerActionInput = z.object({ partnerId: entityId, action: z.enum(PARTNER_ACTIONS), reason: cleanText(500).optional() });

export const websiteField = z
  .string()
  .trim()
  .max(300)
  .refine((v) => v === "" || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v), "Enter a full URL such as https://example.com");
export const trafficSourcesField = z.array(cleanLine(80).pipe(z.string().min(1))).max(20, "At most 20 traffic sources");

/** The profile fields a partner may edit themselves (and an admin for them). */
export const profileInput = z.object({
  name: cleanLine(120).pipe(z.string().min(2, "Enter a name of at least 2 characters")),
  contactName: cleanLine(120).optional(),
  company: cleanLine(160).optional(),
  phone: z
    .string()
    .trim()
    .max(40)
    .refine((v) => v === "" || /^\+?[0-9 ()./-]{5,40}$/.test(v), "Enter a phone number such as +44 20 7946 0000")
    .optional(),
  website: websiteField.optional(),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => v === "" || /^[A-Z]{2}$/.test(v), "Use a two-letter country code such as GB")
    .optional(),
  trafficSources: trafficSourcesField.optional(),
  promotionMethods: cleanText(2000).optional(),
});
export type ProfileInput = z.infer<typeof profileInput>;

export const adminEditInput = profileInput.extend({ partnerId: entityId, type: cleanLine(60).pipe(z.string().min(1, "Pick a type")).optional() });
export type AdminEditInput = z.infer<typeof adminEditInput>;

export const noteInput = z.object({ partnerId: entityId, body: cleanText(2000).pipe(z.string().min(1, "Write the note")) });
export const managerInput = z.object({ partnerId: entityId, managerUserId: entityId.nullable() });
export const sponsorInput = z.object({ partnerId: entityId, sponsorId: entityId.nullable(), reason: cleanText(500).optional() });

export const partnerTypesInput = z.object({
  programId: entityId,
  types: z.array(cleanLine(60)).min(1, "Keep at least one partner type").max(30, "At most 30 types"),
});
export const groupInput = z.object({
  groupId: entityId.optional(),
  name: cleanLine(60).pipe(z.string().min(2, "Name the group (at least 2 characters)")),
  description: cleanText(300).optional(),
});
export const partnerGroupsInput = z.object({ partnerId: entityId, groupIds: z.array(entityId).max(50) });
export const offerGroupsInput = z.object({ offerId: entityId, groupIds: z.array(entityId).max(50) });
export const groupPlanInput = z.object({
  programId: entityId,
  planId: entityId,
  groupId: z.string({ error: "Pick a group" }).min(1, "Pick a group").max(64),
  offerId: entityId.nullable(),
  effectiveFrom: z.coerce.date("Pick a date").optional(),
  note: cleanText(500).pipe(z.string().min(3, "Say why; the partners see it")),
});

export const publishTermsInput = z.object({
  programId: z.string().min(1).max(64),
  body: z
    .string()
    .trim()
    .min(20, "Write the terms (at least 20 characters)")
    .max(100_000, "Use at most 100,000 characters")
    .refine((v) => isCleanText(v, true), "Use letters, digits and punctuation only"),
});
export type PublishTermsInput = z.infer<typeof publishTermsInput>;

export const addPartnerInput = z.object({
  name: cleanLine(120).pipe(z.string().min(2, "Enter a name of at least 2 characters")),
  email: z.email("Enter a valid email address").max(254),
  status: z.enum(["approved", "pending"], { error: "Pick approved or pending" }),
  type: cleanLine(60).optional(),
  company: cleanLine(160).optional(),
  website: websiteField.optional(),
  sponsorId: entityId.optional(),
  managerUserId: entityId.optional(),
});
export type AddPartnerInput = z.infer<typeof addPartnerInput>;

export const createInviteInput = z.object({
  note: cleanLine(200).optional(),
  approve: z.boolean(),
  expiresInDays: z.number({ error: "Enter a number of days" }).int("Use whole days").min(1, "Use 1 to 90 days").max(90, "Use 1 to 90 days"),
});
export type CreateInviteInput = z.infer<typeof createInviteInput>;

/** A sign-up invitation token as it appears in /signup?invite=<token>. */
export const inviteTokenField = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "This invitation link is not valid");
