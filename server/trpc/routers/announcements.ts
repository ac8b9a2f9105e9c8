import { createAnnouncement } from "@/server/announcements/create-announcement";
import { getMailPreferences, listAnnouncements, listMyAnnouncements, markAnnouncementsRead, setMailPreferences, unreadAnnouncements } from "@/server/announcements/list-announcements";
import { createAnnouncementInput, mailPreferencesInput, markAnnouncementsReadInput } from "@/server/announcements/schemas";
import { z } from "zod";
import { adminProcedure, createTRPCRouter, partnerProcedure } from "../init";
import { page } from "../pagination";

export const announcementsRouter = createTRPCRouter({
  list: adminProcedure("program:read")
    .input(z.object({ ...page }))
    .query(({ ctx, input }) => listAnnouncements(ctx.db, input)),
  create: adminProcedure("program:manage")
    .input(createAnnouncementInput)
    .mutation(({ ctx, input }) => createAnnouncement(ctx.db, { ...input, actorId: ctx.user.id })),

  mine: partnerProcedure.query(({ ctx }) => listMyAnnouncements(ctx.db, ctx.partnerId)),
  unread: partnerProcedure.query(({ ctx }) => unreadAnnouncements(ctx.db, ctx.partnerId)),
  markRead: partnerProcedure.input(markAnnouncementsReadInput).mutation(({ ctx, input }) => markAnnouncementsRead(ctx.db, ctx.partnerId, input.ids)),
  mailPreferences: partnerProcedure.query(({ ctx }) => getMailPreferences(ctx.db, ctx.partnerId)),
  setMailPreferences: partnerProcedure.input(mailPreferencesInput).mutation(({ ctx, input }) => setMailPreferences(ctx.db, ctx.partnerId, input)),
});
