import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { config } from "@/server/config";
import { dispatchOutbox } from "@/server/outbox/dispatch";
import { queueMail } from "@/server/mail/queue-mail";
import { issueToken, tokensIssuedSince } from "./account-tokens";

export const RESET_TTL_MS = 60 * 60_000;
/** Reset e-mails per account per hour. Beyond it the answer is the same and nothing is sent; the links already
 * sent keep working (a new request never retires them), so flooding the form cannot lock the owner out. */
export const RESETS_PER_HOUR = 5;

/** Sends a reset link if the address has an account; the answer is the same either way. */
export async function requestPasswordReset(db: Db, input: { email: string }): Promise<{ ok: true }> {
  const email = input.email.trim().toLowerCase();
  const queued = await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, status: users.status }).from(users).where(eq(users.email, email));
    if (!user || user.status === "deactivated") return null;
    const now = new Date();
    if ((await tokensIssuedSince(tx, user.id, "reset_password", new Date(now.getTime() - 60 * 60_000))) >= RESETS_PER_HOUR) return null;
    const token = await issueToken(tx, user.id, "reset_password", RESET_TTL_MS, now, { keepEarlier: true });
    return queueMail(tx, email, "password_reset", { link: `${config().appUrl}/reset-password?token=${token}` });
  });
  if (queued) dispatchOutbox(db, queued.outboxId);
  return { ok: true };
}
