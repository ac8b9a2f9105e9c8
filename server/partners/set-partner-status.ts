import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { partners, partnerStatusEvents, users, type PartnerStatus } from "@/db/schema";
import { config } from "@/server/config";
import { DomainError } from "@/server/errors";
import { dispatchOutbox } from "@/server/outbox/dispatch";
import { queueMail } from "@/server/mail/queue-mail";
import { invalidateLinkCache } from "@/server/tracking/link-cache";
import { emitWebhooks, type WebhookEvent } from "@/server/webhooks/emit";
import { ensureLinks } from "@/server/offers/ensure-links";
import { PARTNER_ACTIONS, type PartnerAction } from "./schemas";

export { PARTNER_ACTIONS, type PartnerAction };


/** Each action: the status it leads to, the statuses it may start from, and whether a reason is required. */
const ACTIONS: Record<PartnerAction, { to: PartnerStatus; from: readonly PartnerStatus[]; reason: boolean }> = {
  approve: { to: "approved", from: ["pending", "rejected"], reason: false },
  reject: { to: "rejected", from: ["pending"], reason: false },
  suspend: { to: "suspended", from: ["approved"], reason: true },
  reactivate: { to: "approved", from: ["suspended"], reason: true },
  close: { to: "closed", from: ["pending", "approved", "rejected", "suspended"], reason: true },
};

export type SetPartnerStatusInput = { partnerId: string; action: PartnerAction; reason?: string; actorId: string | null; now?: Date };

/** The operator's webhook each action announces (reactivation and closure have none). */
const WEBHOOK_OF: Record<PartnerAction, WebhookEvent["type"] | null> = { approve: "partner.approved", reject: "partner.rejected", suspend: "partner.suspended", reactivate: null, close: null };

const RECRUIT_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
export function newRecruitCode(): string {
  return Array.from(randomBytes(10), (b) => RECRUIT_ALPHABET[b % RECRUIT_ALPHABET.length]).join("");
}

/**
 * Moves a partner through their life cycle, one transaction per change: the status, the reason the partner sees,
 * and a row of status history. Approval issues the tracking links and the recruit code. Every change clears this
 * process's link cache so the redirect marks the partner's next click at once (other processes: within its TTL;
 * attribution and accrual check the status themselves, so nothing earns in the meantime).
 */
export async function setPartnerStatus(db: Db, input: SetPartnerStatusInput) {
  const rule = ACTIONS[input.action];
  const reason = input.reason?.trim() || null;
  if (rule.reason && !reason) throw new DomainError("BAD_REQUEST", "Give a reason", "reason");
  const now = input.now ?? new Date();
  const result = await db.transaction(async (tx) => {
    const [partner] = await tx
      .select({ id: partners.id, name: partners.name, email: users.email, status: partners.status, recruitCode: partners.recruitCode })
      .from(partners)
      .innerJoin(users, eq(users.id, partners.userId))
      .where(eq(partners.id, input.partnerId))
      .for("update", { of: partners });
    if (!partner) throw new DomainError("NOT_FOUND", "Partner not found");
    if (partner.status === rule.to) return { partnerId: partner.id, status: rule.to, changed: false };
    if (!rule.from.includes(partner.status)) throw new DomainError("CONFLICT", `A partner who is ${partner.status} cannot be ${input.action === "reactivate" ? "reactivated" : `${input.action}d`}`, "action");
    await tx
      .update(partners)
      .set({
        status: rule.to,
        statusReason: rule.to === "approved" ? null : reason,
        reviewedBy: input.actorId,
        reviewedAt: now,
        reviewNote: reason,
        ...(rule.to === "approved" && !partner.recruitCode ? { recruitCode: newRecruitCode() } : {}),
      })
      .where(eq(partners.id, partner.id));
    await tx.insert(partnerStatusEvents).values({ id: newId("partnerEvent", now.getTime()), partnerId: partner.id, fromStatus: partner.status, toStatus: rule.to, reason, actorId: input.actorId, createdAt: now });
    if (rule.to === "approved") await ensureLinks(tx, partner.id);
    const hook = WEBHOOK_OF[input.action];
    if (hook) await emitWebhooks(tx, [{ type: hook, data: { partner_id: partner.id, name: partner.name, email: partner.email, status: rule.to, previous_status: partner.status, reason } }], now);
    // the applicant hears of the decision by e-mail (suspensions and closures are told with their reason at sign-in)
    const link = `${config().appUrl}/login`;
    const mail =
      input.action === "approve"
        ? await queueMail(tx, partner.email, "partner_approved", { name: partner.name, link })
        : input.action === "reject"
          ? await queueMail(tx, partner.email, "partner_rejected", { name: partner.name, reason, link: config().appUrl })
          : null;
    return { partnerId: partner.id, status: rule.to, changed: true, outboxId: mail?.outboxId ?? null };
  });
  if (result.changed) invalidateLinkCache(db);
  if ("outboxId" in result && result.outboxId) dispatchOutbox(db, result.outboxId);
  return { partnerId: result.partnerId, status: result.status };
}
