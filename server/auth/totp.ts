import { createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";

const ISSUER = "Touchpoint";

const totp = (secret: string, label: string) => new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });

/** A fresh 160-bit secret (base32) and its otpauth:// URI for the authenticator app. */
export function newTotpSecret(label: string): { secret: string; uri: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, uri: totp(secret, label).toString() };
}

/** A 6-digit code for this secret is accepted one period either side, for clock drift. */
export function checkTotp(secret: string, code: string, now = Date.now()): boolean {
  const clean = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(clean)) return false;
  return totp(secret, "check").validate({ token: clean, timestamp: now, window: 1 }) !== null;
}

/** The current code (tests and the e2e story act as the authenticator app). */
export const currentTotp = (secret: string, now = Date.now()) => totp(secret, "check").generate({ timestamp: now });

export const hashRecoveryCode = (code: string) => createHash("sha256").update(code.replace(/[\s-]/g, "").toLowerCase()).digest("hex");

/** Ten one-time recovery codes like "k3f9-2hxq-8m4d", shown once; only their hashes are kept. */
export function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(12);
    const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}
