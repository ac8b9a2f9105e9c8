import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { announcementRecipients, announcements, offers, partnerGroups, partnerMailPreferences, users } from "@/db/schema";

/** The admin's list: newest first, with audience names and how many recipients have read each. */
export async function listAnnouncements(db: DbOrTx, page: { limit: number; offset: number }) {
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: announcements.id,
        title: announcements.title,
        body: announcements.body,
        audience: announcements.audience,
        groupName: partnerGroups.name,
        offerName: offers.name,
        emailed: announcements.emailed,
        authorName: users.name,
        createdAt: announcements.createdAt,
      })
      .from(announcements)
      .leftJoin(partnerGroups, eq(partnerGroups.id, announcements.groupId))
      .leftJoin(offers, eq(offers.id, announcements.offerId))
      .leftJoin(users, eq(users.id, announcements.authorId))
      .orderBy(desc(announcements.createdAt), desc(announcements.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(announcements),
  ]);
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await db
        .select({ id: announcementRecipients.announcementId, recipients: count(), read: sql<number>`count(${announcementRecipients.readAt})::int` })
        .from(announcementRecipients)
        .where(inArray(announcementRecipients.announcementId, ids))
        .groupBy(announcementRecipients.announcementId)
    : [];
  const byId = new Map(counts.map((c) => [c.id, c]));
  return { total: total?.n ?? 0, items: rows.map((r) => ({ ...r, recipients: byId.get(r.id)?.recipients ?? 0, read: Number(byId.get(r.id)?.read ?? 0) })) };
}

/** The partner's announcements (only those sent to them), newest first, with their read state. */
export async function listMyAnnouncements(db: DbOrTx, partnerId: string, limit = 50) {
  const [items, [unread]] = await Promise.all([
    db
      .select({ id: announcements.id, title: announcements.title, body: announcements.body, createdAt: announcements.createdAt, readAt: announcementRecipients.readAt })
      .from(announcementRecipients)
      .innerJoin(announcements, eq(announcements.id, announcementRecipients.announcementId))
      .where(eq(announcementRecipients.partnerId, partnerId))
      .orderBy(desc(announcements.createdAt), desc(announcements.id))
      .limit(limit),
    db.select({ n: count() }).from(announcementRecipients).where(and(eq(announcementRecipients.partnerId, partnerId), isNull(announcementRecipients.readAt))),
  ]);
  return { items, unread: unread?.n ?? 0 };
}

export async function unreadAnnouncements(db: DbOrTx, partnerId: string) {
  const [row] = await db.select({ n: count() }).from(announcementRecipients).where(and(eq(announcementRecipients.partnerId, partnerId), isNull(announcementRecipients.readAt)));
  return row?.n ?? 0;
}

/** Marks the partner's own announcements read; other partners' ids are ignored by the scope. */
export async function markAnnouncementsRead(db: DbOrTx, partnerId: string, ids: string[] | "all", now = new Date()) {
  if (ids !== "all" && ids.length === 0) return { updated: 0 };
  const rows = await db
    .update(announcementRecipients)
    .set({ readAt: now })
    .where(and(eq(announcementRecipients.partnerId, partnerId), ids === "all" ? undefined : inArray(announcementRecipients.announcementId, ids), isNull(announcementRecipients.readAt)))
    .returning({ id: announcementRecipients.announcementId });
  return { updated: rows.length };
}

/** Which optional e-mails the partner wants (no row yet: all on). */
export async function getMailPreferences(db: DbOrTx, partnerId: string) {
  const [row] = await db.select({ announcements: partnerMailPreferences.announcements }).from(partnerMailPreferences).where(eq(partnerMailPreferences.partnerId, partnerId));
  return { announcements: row?.announcements ?? true };
}

export async function setMailPreferences(db: DbOrTx, partnerId: string, prefs: { announcements: boolean }) {
  await db
    .insert(partnerMailPreferences)
    .values({ partnerId, announcements: prefs.announcements })
    .onConflictDoUpdate({ target: partnerMailPreferences.partnerId, set: { announcements: prefs.announcements, updatedAt: new Date() } });
  return getMailPreferences(db, partnerId);
}

