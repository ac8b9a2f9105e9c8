import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "tp_live_";
export const PARTNER_TOKEN_PREFIX = "tp_pat_";

/** 32 random bytes; the first 8 characters after the prefix are shown in lists to tell secrets apart. */
export function newSecret(kind: typeof API_KEY_PREFIX | typeof PARTNER_TOKEN_PREFIX): { secret: string; prefix: string; hash: string } {
  const secret = `${kind}${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, kind.length + 8), hash: hashSecret(secret) };
}

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** The secret of an `Authorization: Bearer <secret>` header, or null. */
export function bearer(request: Request): string | null {
  const m = /^Bearer\s+(\S{1,200})\s*$/i.exec(request.headers.get("authorization") ?? "");
  return m?.[1] ?? null;
}
