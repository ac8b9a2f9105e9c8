import { z } from "zod";
import { ANNOUNCEMENT_AUDIENCES } from "@/db/schema/creative-values";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

/** Shared by the admin's compose form and `announcements.create`. */
export const createAnnouncementInput = z
  .object({
    title: z.string({ error: "Enter a title" }).trim().min(1, "Enter a title").max(150, "Use at most 150 characters"),
    body: z.string({ error: "Write the announcement" }).trim().min(1, "Write the announcement").max(5_000, "Use at most 5,000 characters"),
    audience: z.enum(ANNOUNCEMENT_AUDIENCES, { error: "Pick who receives it" }),
    groupId: z.preprocess(blank, z.string().max(64).optional()),
    offerId: z.preprocess(blank, z.string().max(64).optional()),
    email: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
  })
  .superRefine((v, ctx) => {
    if (v.audience === "group" && !v.groupId) ctx.addIssue({ code: "custom", path: ["groupId"], message: "Pick a group" });
    if (v.audience === "offer" && !v.offerId) ctx.addIssue({ code: "custom", path: ["offerId"], message: "Pick an offer" });
  });
export type CreateAnnouncementInput = z.infer<typeof createAnnouncementInput>;

export const markAnnouncementsReadInput = z.object({ ids: z.union([z.literal("all"), z.array(z.string().min(1).max(64)).max(100)]) });

export const mailPreferencesInput = z.object({ announcements: z.boolean() });
