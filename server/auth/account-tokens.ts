import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { accountTokens, users, type AccountTokenPurpose } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { hashPassword } from "./password";

export const VERIFY_TTL_MS = 7 * 86_400_000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * A new single-use token (only its hash is stored). The user's earlier unused ones of that purpose stop working,
 * unless `keepEarlier`: a reset link must not be retired by someone else asking for another one.
 */
export async function issueToken(tx: DbOrTx, userId: string, purpose: AccountTokenPurpose, ttlMs: number, now = new Date(), { keepEarlier = false } = {}): Promise<string> {
  if (!keepEarlier) await retireTokens(tx, userId, purpose, now);
  const token = randomBytes(32).toString("base64url");
  await tx.insert(accountTokens).values({ id: newId("accountToken"), userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + ttlMs) });
  return token;
}

async function retireTokens(tx: DbOrTx, userId: string, purpose: AccountTokenPurpose, now: Date) {
  await tx.update(accountTokens).set({ usedAt: now }).where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
}

/** Reset links issued to the user since `since`, for the per-account limit on reset e-mails. */
export async function tokensIssuedSince(tx: DbOrTx, userId: string, purpose: AccountTokenPurpose, since: Date): Promise<number> {
  return tx.$count(accountTokens, and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), gt(accountTokens.createdAt, since)));
}

/**
 * Spends a reset or invite token and sets the password, in one transaction: the token is marked used by the
 * statement that checks it, so a second use finds nothing. Every session of the account ends.
 */
export async function setPasswordWithToken(db: DbOrTx, input: { token: string; password: string }, now = new Date()): Promise<{ userId: string }> {
  const [spent] = await db
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.tokenHash, hashToken(input.token)), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now), sql`${accountTokens.purpose} in ('reset_password', 'invite')`))
    .returning({ userId: accountTokens.userId, purpose: accountTokens.purpose });
  if (!spent) throw new DomainError("BAD_REQUEST", "This link has expired or was already used. Ask for a new one.", "token");
  const passwordHash = await hashPassword(input.password);
  const [user] = await db
    .update(users)
    .set({
      passwordHash,
      sessionVersion: sql`${users.sessionVersion} + 1`,
      emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`,
      // an invited member becomes active; a deactivated one stays deactivated
      status: sql`case when ${users.status} = 'invited' then 'active' else ${users.status} end`,
    })
    .where(eq(users.id, spent.userId))
    .returning({ id: users.id });
  if (!user) throw new DomainError("NOT_FOUND", "Account not found");
  // the other reset links sent meanwhile are spent with this one
  await retireTokens(db, user.id, "reset_password", now);
  return { userId: user.id };
}

/** Spends an e-mail verification link: the address is confirmed once, by the statement that checks the token. */
export async function verifyEmailWithToken(db: DbOrTx, input: { token: string }, now = new Date()): Promise<{ ok: true }> {
  const [spent] = await db
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.tokenHash, hashToken(input.token)), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now), eq(accountTokens.purpose, "verify_email")))
    .returning({ userId: accountTokens.userId });
  if (!spent) throw new DomainError("BAD_REQUEST", "This link has expired or was already used.", "token");
  await db.update(users).set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)` }).where(eq(users.id, spent.userId));
  return { ok: true };
}
