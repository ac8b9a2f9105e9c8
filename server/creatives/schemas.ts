import { z } from "zod";
import { CREATIVE_KINDS, type CreativeKind } from "@/db/schema/creative-values";
import { MAX_FILE_BYTES } from "./limits";
import { LINK_PLACEHOLDER } from "./snippets";


const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const optionalText = (max: number, message: string) => z.preprocess(blank, z.string().trim().max(max, message).optional());
const day = (label: string) => z.preprocess(blank, z.iso.date(`${label}: use a date like 2026-01-31`).optional());

const tags = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",").map((t) => t.trim()).filter(Boolean) : v),
  z.array(z.string().trim().toLowerCase().min(1).max(32, "Tags are at most 32 characters each")).max(10, "At most 10 tags").default([]),
);

const groupIds = z.preprocess(
  (v) => (typeof v === "string" ? (v ? [v] : []) : v),
  z.array(z.string().min(1).max(64)).max(50).default([]),
);

/** A file chosen in the browser, sent base64-encoded (the bytes decide its type; the name is only kept for downloads). */
export const creativeFileInput = z.object({
  name: z.string().trim().min(1).max(200),
  // 4 base64 characters carry 3 bytes; a little over the byte limit so the limit's own message answers
  data: z.base64("The file could not be read").max(Math.ceil(((MAX_FILE_BYTES + 1024) * 4) / 3), `The file is larger than ${MAX_FILE_BYTES / 1024} KB`),
});

const fields = {
  name: z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(120, "Use at most 120 characters"),
  language: z.preprocess(blank, z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z]{2})?$/, "Use a language code such as en or pt-BR").optional()),
  tags,
  body: optionalText(20_000, "Use at most 20,000 characters"),
  subject: optionalText(200, "Use at most 200 characters"),
  altText: optionalText(200, "Use at most 200 characters"),
  startsOn: day("Start"),
  endsOn: day("End"),
  groupIds,
};

type KindFields = { kind: CreativeKind; body?: string; subject?: string; startsOn?: string; endsOn?: string };

/** What each kind needs; shared by the create form, the procedure and the edit path (which knows the kind only from the row). */
export function kindProblems(v: KindFields, hasFile: boolean): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (v.kind === "image" && !hasFile) out.push({ field: "file", message: "Choose an image file (PNG, JPEG, GIF or WebP)" });
  if (v.kind !== "image" && hasFile) out.push({ field: "file", message: "Only image banners take a file" });
  if (v.kind === "text_link" && !v.body) out.push({ field: "body", message: "Enter the link text" });
  if (v.kind === "text_link" && v.body && v.body.length > 200) out.push({ field: "body", message: "Link text is at most 200 characters" });
  if ((v.kind === "html" || v.kind === "email") && !v.body?.includes(LINK_PLACEHOLDER)) out.push({ field: "body", message: `Enter the ${v.kind === "html" ? "snippet" : "e-mail text"} with ${LINK_PLACEHOLDER} where the tracking link goes` });
  if (v.kind === "email" && !v.subject) out.push({ field: "subject", message: "Enter the e-mail's subject" });
  if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) out.push({ field: "endsOn", message: "The end date is before the start date" });
  return out;
}

export const createCreativeInput = z
  .object({
    offerId: z.string({ error: "Pick an offer" }).trim().min(1, "Pick an offer").max(64),
    kind: z.enum(CREATIVE_KINDS, { error: "Pick a kind" }),
    ...fields,
    file: creativeFileInput.optional(),
  })
  .superRefine((v, ctx) => {
    for (const p of kindProblems(v, Boolean(v.file))) ctx.addIssue({ code: "custom", path: [p.field], message: p.message });
  });
export type CreateCreativeInput = z.infer<typeof createCreativeInput>;

/** Edits the details; a `file` replaces the banner (a new version: partners' pasted image URLs show the new one). */
export const updateCreativeInput = z.object({ creativeId: z.string().min(1).max(64), ...fields, file: creativeFileInput.optional() });
export type UpdateCreativeInput = z.infer<typeof updateCreativeInput>;

export const setCreativeStatusInput = z.object({ creativeId: z.string().min(1).max(64), status: z.enum(["active", "archived"]) });

export const adminCreativeFilter = z.object({
  offerId: z.string().max(64).optional(),
  kind: z.enum(CREATIVE_KINDS).optional(),
  status: z.enum(["active", "archived", "all"]).default("active"),
  limit: z.number().int().min(1).max(100).default(25),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});

export const partnerCreativeFilter = z.object({
  offerId: z.string().max(64).optional(),
  kind: z.enum(CREATIVE_KINDS).optional(),
  language: z.string().max(16).optional(),
  /** "728x90" */
  size: z.string().regex(/^\d{1,5}x\d{1,5}$/).optional(),
  tag: z.string().max(32).optional(),
});
export type PartnerCreativeFilter = z.infer<typeof partnerCreativeFilter>;
