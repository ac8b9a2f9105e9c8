import { eq, sql } from "drizzle-orm";
import { renderSVG } from "uqr";
import type { DbOrTx } from "@/db/client";
import { teamSettings, users } from "@/db/schema";
import { verifyPassword } from "@/server/auth/password";
import { checkTotp, hashRecoveryCode, newRecoveryCodes, newTotpSecret } from "@/server/auth/totp";
import { DomainError } from "@/server/errors";

/** What the account security page shows about the signed-in member. */
export async function securityStatus(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ email: users.email, enabledAt: users.totpEnabledAt, codes: users.recoveryCodeHashes, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw new DomainError("NOT_FOUND", "Account not found");
  return { email: row.email, twoFactor: row.enabledAt !== null, twoFactorSince: row.enabledAt, recoveryCodesLeft: row.codes.length, emailVerified: row.verifiedAt !== null, requireTwoFactor: await teamRequiresTwoFactor(db) };
}

export async function teamRequiresTwoFactor(db: DbOrTx): Promise<boolean> {
  const [s] = await db.select({ required: teamSettings.requireTwoFactor }).from(teamSettings).where(eq(teamSettings.id, "team"));
  return s?.required ?? false;
}

/** True when the owner requires two-factor and this member has not set it up: they may only reach their account page. */
export async function missingRequiredTwoFactor(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ required: teamSettings.requireTwoFactor, enabledAt: users.totpEnabledAt })
    .from(users)
    .leftJoin(teamSettings, eq(teamSettings.id, "team"))
    .where(eq(users.id, userId));
  return Boolean(row?.required) && row?.enabledAt == null;
}

/**
 * Step one of enrolment: a new secret kept on the account (not yet in force) and its QR code. Named so the audit
 * log redacts them (the secret, the otpauth URI and the QR code all carry it).
 */
export async function beginTwoFactor(db: DbOrTx, userId: string) {
  const [user] = await db.select({ email: users.email, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  if (!user) throw new DomainError("NOT_FOUND", "Account not found");
  if (user.enabledAt) throw new DomainError("CONFLICT", "Two-factor authentication is already on. Turn it off first to use a new device.");
  const { secret, uri } = newTotpSecret(user.email);
  await db.update(users).set({ totpSecret: secret }).where(eq(users.id, userId));
  return { secret, otpauthUri: uri, totpQrSvg: renderSVG(uri, { border: 2 }) };
}

/** Step two: the first code from the app turns two-factor on and gives ten recovery codes, shown once. */
export async function confirmTwoFactor(db: DbOrTx, userId: string, input: { code: string }) {
  const [user] = await db.select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  if (!user) throw new DomainError("NOT_FOUND", "Account not found");
  if (user.enabledAt) throw new DomainError("CONFLICT", "Two-factor authentication is already on.");
  if (!user.secret) throw new DomainError("BAD_REQUEST", "Start the set-up again: scan a new QR code.", "code");
  if (!checkTotp(user.secret, input.code)) throw new DomainError("BAD_REQUEST", "That code is not right. Enter the current code from the app.", "code");
  const recoveryCodes = newRecoveryCodes();
  await db
    .update(users)
    .set({ totpEnabledAt: new Date(), recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode) })
    .where(eq(users.id, userId));
  return { recoveryCodes };
}

/** Turning it off needs the password, and is refused while the owner requires it for the team. */
export async function disableTwoFactor(db: DbOrTx, userId: string, input: { password: string }) {
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user || !(await verifyPassword(user.hash, input.password))) throw new DomainError("BAD_REQUEST", "That is not your password.", "password");
  if (await teamRequiresTwoFactor(db)) throw new DomainError("FORBIDDEN", "The owner requires two-factor authentication for the whole team.");
  await db
    .update(users)
    .set({ totpSecret: null, totpEnabledAt: null, recoveryCodeHashes: sql`'[]'::jsonb` })
    .where(eq(users.id, userId));
  return { userId };
}

/** The owner's switch. Members without two-factor keep their sessions but can only open their account page until they set it up. */
export async function setRequireTwoFactor(db: DbOrTx, actorId: string, input: { required: boolean }) {
  const [actor] = await db.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, actorId));
  if (input.required && !actor?.enabledAt) throw new DomainError("BAD_REQUEST", "Set up two-factor authentication for yourself first, on your account page.", "required");
  await db
    .insert(teamSettings)
    .values({ id: "team", requireTwoFactor: input.required })
    .onConflictDoUpdate({ target: teamSettings.id, set: { requireTwoFactor: input.required, updatedAt: new Date() } });
  return { requireTwoFactor: input.required };
}
