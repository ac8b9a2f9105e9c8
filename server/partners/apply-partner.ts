import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { partners, partnerStatusEvents, users } from "@/db/schema";
import { issueToken, VERIFY_TTL_MS } from "@/server/auth/account-tokens";
import { createUser } from "@/server/auth/create-user";
import { hashPassword } from "@/server/auth/password";
import { config } from "@/server/config";
import { DomainError } from "@/server/errors";
import { dispatchOutbox } from "@/server/outbox/dispatch";
import { queueMail } from "@/server/mail/queue-mail";
import { emitWebhooks } from "@/server/webhooks/emit";
import { signUpMode } from "@/server/programs/sign-up-mode";
import { ensureLinks } from "@/server/offers/ensure-links";
import { attachRecruiter } from "./recruit";
import { newRecruitCode } from "./set-partner-status";
import type { ApplyInput } from "./schemas";
import { findUsableInvite, INVITE_USED_MESSAGE, spendInvite } from "./invites";
import { partnerTypes } from "./partner-types";
import { storeAnswers } from "./signup-questions";
import { recordAcceptance, termsInForce } from "./terms";

export const INVITE_ONLY_MESSAGE = "This program accepts partners by invitation only.";

/**
 * A sign-up: a partner user and their application (and the sponsor of a recruit link), together or not at all.
 * The program's sign-up mode decides: reviewed by an admin (pending), approved at once (with tracking links),
 * or refused (invitation only). An invitation link lets the applicant in whatever the mode, and may approve them.
 */
export async function applyPartner(db: Db, input: ApplyInput, meta: { ip?: string | null } = {}) {
  const result = await db.transaction(async (tx) => {
    const mode = await signUpMode(tx);
    const invite = input.inviteToken ? await findUsableInvite(tx, input.inviteToken) : null;
    if (input.inviteToken && !invite) throw new DomainError("BAD_REQUEST", INVITE_USED_MESSAGE, "inviteToken");
    if (mode === "invite_only" && !invite) throw new DomainError("FORBIDDEN", INVITE_ONLY_MESSAGE);
    const terms = await termsInForce(tx);
    if (terms && !input.acceptTerms) throw new DomainError("BAD_REQUEST", "Accept the terms and conditions to sign up", "acceptTerms");
    if (terms && input.termsVersionId !== terms.id) throw new DomainError("CONFLICT", "The terms changed while you were signing up: reload the page, read the new version and accept it", "acceptTerms");
    const userId = await createUser(tx, { email: input.email, name: input.name, password: input.password, role: "partner" });
    const partnerId = newId("partner");
    // a new partner starts as the program's first type; the admin changes it on the partner's page
    const [type] = await partnerTypes(tx);
    const status: "approved" | "pending" = mode === "open_auto" || invite?.approve ? "approved" : "pending";
    const why = invite?.approve ? "Approved by invitation" : "Approved automatically (open sign-up)";
    await tx.insert(partners).values({
      id: partnerId,
      userId,
      name: input.name.trim(),
      website: input.website || null,
      promotionMethods: input.promotionMethods || null,
      ...(type ? { type } : {}),
      status,
      reviewedAt: status === "approved" ? new Date() : null,
      reviewNote: status === "approved" ? why : null,
      trafficSources: input.trafficSources ?? [],
      ...(status === "approved" ? { recruitCode: newRecruitCode() } : {}),
    });
    if (status === "approved") {
      await tx.insert(partnerStatusEvents).values({ id: newId("partnerEvent"), partnerId, fromStatus: "pending", toStatus: "approved", reason: why, actorId: null });
    }
    if (input.inviteToken) await spendInvite(tx, input.inviteToken, partnerId);
    await storeAnswers(tx, partnerId, input.answers);
    if (terms) await recordAcceptance(tx, { partnerId, termsVersionId: terms.id, ip: meta.ip ?? null });
    if (input.recruitCode) await attachRecruiter(tx, partnerId, input.recruitCode, new Date());
    if (status === "approved") await ensureLinks(tx, partnerId);
    const appUrl = config().appUrl;
    const email = input.email.trim().toLowerCase();
    const name = input.name.trim();
    const token = await issueToken(tx, userId, "verify_email", VERIFY_TTL_MS);
    const about = { partner_id: partnerId, name, email, website: input.website || null, status, source: invite ? "invite" : "sign_up" };
    await emitWebhooks(tx, [{ type: "partner.applied", data: about }, ...(status === "approved" ? [{ type: "partner.approved" as const, data: { ...about, reason: why } }] : [])]);
    const outboxIds = [
      (await queueMail(tx, email, "verify_email", { link: `${appUrl}/verify-email?token=${token}` })).outboxId,
      (status === "approved" ? await queueMail(tx, email, "partner_approved", { name, link: `${appUrl}/login` }) : await queueMail(tx, email, "application_received", { name, link: `${appUrl}/login` })).outboxId,
    ];
    return { partnerId, status, outboxIds };
  });
  for (const id of result.outboxIds) dispatchOutbox(db, id);
  return { partnerId: result.partnerId, status: result.status };
}

/**
 * The public sign-up. Its answer is the same whether or not the address has an account, so the form cannot be
 * used to find out who is registered: for a taken address nothing is created, the same work is done (a password
 * hash), and the address's owner is told by e-mail instead.
 */
export async function signUpPartner(db: Db, input: ApplyInput, meta: { ip?: string | null } = {}): Promise<{ status: "pending" | "approved" }> {
  const mode = await signUpMode(db);
  // an invitation link lets the applicant in whatever the mode (applyPartner checks the token itself)
  if (mode === "invite_only" && !input.inviteToken) throw new DomainError("FORBIDDEN", INVITE_ONLY_MESSAGE);
  const answer = { status: mode === "open_auto" ? ("approved" as const) : ("pending" as const) };
  const email = input.email.trim().toLowerCase();
  const taken = async () => {
    const queued = await db.transaction((tx) => queueMail(tx, email, "signup_existing", { link: `${config().appUrl}/forgot-password` }));
    dispatchOutbox(db, queued.outboxId);
    return answer;
  };
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) {
    await hashPassword(input.password);
    return taken();
  }
  try {
    const { status } = await applyPartner(db, input, meta);
    return { status };
  } catch (err) {
    // two sign-ups with one address at once: the loser answers like any taken address
    if (err instanceof DomainError && err.code === "CONFLICT" && err.field === "email") return taken();
    throw err;
  }
}
