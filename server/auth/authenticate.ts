import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { partners, users, type UserRole } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { loginWaitMs, recordLoginAttempt, type RateLimit } from "./login-rate-limit";
import { dummyHash, verifyPassword } from "./password";
import { NEEDS_CODE } from "./messages";
import { checkTotp, hashRecoveryCode } from "./totp";

/** What a session carries. `sessionVersion` must equal the user's row, or the session has ended (server/auth/live-user.ts). */
export type SessionUser = { id: string; email: string; name: string; role: UserRole; partnerId: string | null; sessionVersion?: number };

const PARTNER_BLOCKED: Record<string, string> = {
  pending: "Your application is still being reviewed. You can sign in as soon as it is approved.",
  rejected: "Your application was not approved.",
  suspended: "Your partner account is suspended. Please contact the program manager.",
  closed: "Your partner account is closed.",
};

export { NEEDS_CODE };

const waitMessage = (ms: number) => {
  const s = Math.ceil(ms / 1000);
  return `Too many attempts. Wait ${s < 120 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`} and try again, or reset your password.`;
};

/** Checks a login. Throws a DomainError whose message is safe to show on the login form. */
export async function authenticate(db: Db, input: { email: string; password: string; ip: string; code?: string }, limit: RateLimit): Promise<SessionUser> {
  const email = input.email.trim().toLowerCase();
  const wait = await loginWaitMs(db, email, input.ip, limit);
  if (wait > 0) throw new DomainError("FORBIDDEN", waitMessage(wait));
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      status: users.status,
      sessionVersion: users.sessionVersion,
      hash: users.passwordHash,
      totpSecret: users.totpSecret,
      totpEnabledAt: users.totpEnabledAt,
      recovery: users.recoveryCodeHashes,
      partnerId: partners.id,
      partnerStatus: partners.status,
      statusReason: partners.statusReason,
    })
    .from(users)
    .leftJoin(partners, eq(partners.userId, users.id))
    .where(eq(users.email, email));
  // An invited member has no password of their own yet: their row's hash is of random bytes.
  const ok = (await verifyPassword(user?.hash ?? (await dummyHash()), input.password)) && user?.status !== "invited";
  if (!user || !ok) {
    await recordLoginAttempt(db, email, input.ip, false);
    throw new DomainError("UNAUTHORIZED", "Wrong email or password.");
  }
  if (user.totpEnabledAt && user.totpSecret) {
    const code = (input.code ?? "").trim();
    if (!code) throw new DomainError("UNAUTHORIZED", NEEDS_CODE, "code");
    if (!checkTotp(user.totpSecret, code) && !(await spendRecoveryCode(db, user.id, code))) {
      await recordLoginAttempt(db, email, input.ip, false);
      throw new DomainError("UNAUTHORIZED", "That code is not right. Try the current one.", "code");
    }
  }
  await recordLoginAttempt(db, email, input.ip, true);
  if (user.status === "deactivated") throw new DomainError("FORBIDDEN", "This account has been deactivated.");
  if (user.role === "partner" && user.partnerStatus !== "approved") {
    // the partner sees why (the reason the admin gave); nothing else about the account is told before sign-in
    const why = PARTNER_BLOCKED[user.partnerStatus ?? "pending"] ?? "Your account cannot sign in.";
    throw new DomainError("FORBIDDEN", user.statusReason && user.partnerStatus !== "pending" ? `${why} Reason: ${user.statusReason}` : why);
  }
  return { id: user.id, email: user.email, name: user.name, role: user.role, partnerId: user.partnerId, sessionVersion: user.sessionVersion };
}

/** Spends a recovery code: removed in the same statement that checks it, so it works once. */
async function spendRecoveryCode(db: Db, userId: string, code: string): Promise<boolean> {
  const hash = hashRecoveryCode(code);
  const rows = await db
    .update(users)
    .set({ recoveryCodeHashes: sql`${users.recoveryCodeHashes} - ${hash}::text` })
    .where(sql`${users.id} = ${userId} and ${users.recoveryCodeHashes} ? ${hash}::text`)
    .returning({ id: users.id });
  return rows.length > 0;
}
