import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { announcementRecipients, announcements, offers, partnerGroups, partnerMailPreferences, partners, users } from "@/db/schema";
import { config } from "@/server/config";
import { DomainError } from "@/server/errors";
import { queueMail } from "@/server/mail/queue-mail";
import { audiencePartnerIds } from "./audience";
import type { CreateAnnouncementInput } from "./schemas";

/** Approved recipients who have not turned announcement e-mails off (no preference row: on). */
async function optedIn(db: DbOrTx, partnerIds: string[]) {
  if (partnerIds.length === 0) return [];
  return db
    .select({ partnerId: partners.id, email: users.email })
    .from(partners)
    .innerJoin(users, eq(users.id, partners.userId))
    .leftJoin(partnerMailPreferences, eq(partnerMailPreferences.partnerId, partners.id))
    .where(and(inArray(partners.id, partnerIds), or(isNull(partnerMailPreferences.partnerId), eq(partnerMailPreferences.announcements, true))));
}

/**
 * Writes the announcement and its recipients (the audience as it is now) in one transaction; with `email`, queues
 * one message per recipient who wants announcement e-mails, in the same transaction (the mail job sends after commit).
 */
export async function createAnnouncement(db: Db, input: CreateAnnouncementInput & { actorId: string | null }) {
  if (input.audience === "group") {
    const [g] = await db.select({ id: partnerGroups.id }).from(partnerGroups).where(eq(partnerGroups.id, input.groupId ?? ""));
    if (!g) throw new DomainError("BAD_REQUEST", "Pick a group", "groupId");
  }
  if (input.audience === "offer") {
    const [o] = await db.select({ id: offers.id }).from(offers).where(eq(offers.id, input.offerId ?? ""));
    if (!o) throw new DomainError("BAD_REQUEST", "Pick an offer", "offerId");
  }
  const id = newId("announcement");
  return db.transaction(async (tx) => {
    const recipients = await audiencePartnerIds(tx, input);
    await tx.insert(announcements).values({
      id,
      title: input.title,
      body: input.body,
      audience: input.audience,
      groupId: input.audience === "group" ? (input.groupId ?? null) : null,
      offerId: input.audience === "offer" ? (input.offerId ?? null) : null,
      emailed: input.email,
      authorId: input.actorId,
    });
    if (recipients.length) await tx.insert(announcementRecipients).values(recipients.map((partnerId) => ({ announcementId: id, partnerId })));
    let mailed = 0;
    if (input.email) {
      const link = `${config().appUrl}/portal/announcements`;
      for (const r of await optedIn(tx, recipients)) {
        await queueMail(tx, r.email, "announcement", { title: input.title, body: input.body, link, settingsLink: `${config().appUrl}/portal/profile#email-preferences` });
        mailed++;
      }
    }
    return { announcementId: id, recipients: recipients.length, mailed };
  });
}
