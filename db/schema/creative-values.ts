/** Value lists of the creatives and announcements tables, without drizzle (forms run in the browser: see values.ts). */
/** image: a banner file; text_link: words that link; html: a snippet partners paste; email: a swipe (subject + body). */
export const CREATIVE_KINDS = ["image", "text_link", "html", "email"] as const;
export type CreativeKind = (typeof CREATIVE_KINDS)[number];
export const CREATIVE_STATUSES = ["active", "archived"] as const;
export type CreativeStatus = (typeof CREATIVE_STATUSES)[number];
/** all: every approved partner; group: one partner group's members; offer: the partners holding a link to one offer. */
export const ANNOUNCEMENT_AUDIENCES = ["all", "group", "offer"] as const;
export type AnnouncementAudience = (typeof ANNOUNCEMENT_AUDIENCES)[number];
