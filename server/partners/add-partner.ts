import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { partners, partnerSponsors, partnerStatusEvents, users } from "@/db/schema";
import { issueToken } from "@/server/auth/account-tokens";
import { hashPassword } from "@/server/auth/password";
import { can } from "@/server/auth/permissions";
import { config } from "@/server/config";
import { DomainError } from "@/server/errors";
import { dispatchOutbox } from "@/server/outbox/dispatch";
import { queueMail } from "@/server/mail/queue-mail";
import { emitWebhooks } from "@/server/webhooks/emit";
import { ensureLinks } from "@/server/offers/ensure-links";
import { checkPartnerType } from "./partner-types";
import type { AddPartnerInput } from "./schemas";
import { newRecruitCode } from "./set-partner-status";

export const PARTNER_INVITE_TTL_MS = 7 * 86_400_000;

/**
 * An admin opens a partner account by hand: approved (with tracking links) or pending, optionally with a sponsor
 * and a manager. The account has no password yet: the partner gets a single-use link (e-mailed, and shown to the
 * admin to pass on) to choose one.
 */
export async function addPartner(db: Db, input: AddPartnerInput & { actor: { id: string; name: string } }) {
  const now = new Date();
  const result = await db.transaction(async (tx) => {
    const type = input.type ? await checkPartnerType(tx, input.type) : undefined;
    if (input.sponsorId) {
      const [sponsor] = await tx.select({ status: partners.status }).from(partners).where(eq(partners.id, input.sponsorId));
      if (!sponsor || sponsor.status !== "approved") throw new DomainError("BAD_REQUEST", "Pick an approved partner as the sponsor", "sponsorId");
    }
    if (input.managerUserId) {
      const [manager] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.managerUserId));
      if (!manager || !can(manager.role, "partners:review")) throw new DomainError("BAD_REQUEST", "Pick a user of the admin team", "managerUserId");
    }
    const email = input.email.trim().toLowerCase();
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (taken) throw new DomainError("CONFLICT", "An account with this email already exists.", "email");
    const userId = newId("user");
    // no usable password until the partner sets one through the invite link ("invited" cannot sign in)
    await tx.insert(users).values({ id: userId, email, name: input.name.trim(), role: "partner", status: "invited", invitedBy: input.actor.id, passwordHash: await hashPassword(randomBytes(24).toString("hex")) });
    const partnerId = newId("partner");
    const approved = input.status === "approved";
    const reason = "Added by hand";
    await tx.insert(partners).values({
      id: partnerId,
      userId,
      name: input.name.trim(),
      website: input.website || null,
      company: input.company || null,
      status: input.status,
      ...(type ? { type } : {}),
      managerUserId: input.managerUserId ?? null,
      reviewedBy: approved ? input.actor.id : null,
      reviewedAt: approved ? now : null,
      reviewNote: approved ? reason : null,
      ...(approved ? { recruitCode: newRecruitCode() } : {}),
    });
    await tx.insert(partnerStatusEvents).values({ id: newId("partnerEvent"), partnerId, fromStatus: null, toStatus: input.status, reason, actorId: input.actor.id });
    if (input.sponsorId) {
      await tx.insert(partnerSponsors).values({ id: newId("partnerSponsor", now.getTime()), partnerId, sponsorId: input.sponsorId, validFrom: now, reason, actorId: input.actor.id, createdAt: now });
      await tx.update(partners).set({ parentPartnerId: input.sponsorId }).where(eq(partners.id, partnerId));
    }
    if (approved) await ensureLinks(tx, partnerId);
    const about = { partner_id: partnerId, name: input.name.trim(), email, website: input.website || null, status: input.status, source: "admin" };
    await emitWebhooks(tx, [{ type: approved ? "partner.approved" : "partner.applied", data: approved ? { ...about, reason } : about }], now);
    const token = await issueToken(tx, userId, "invite", PARTNER_INVITE_TTL_MS, now);
    const link = `${config().appUrl}/invite?token=${token}`;
    const mail = await queueMail(tx, email, "partner_invite", { inviterName: input.actor.name, link });
    return { partnerId, link, outboxId: mail.outboxId };
  });
  dispatchOutbox(db, result.outboxId);
  // the key names a password so the audit log redacts the URL (it carries the token)
  return { partnerId: result.partnerId, setPasswordUrl: result.link };
}
