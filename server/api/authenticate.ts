import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, partners, partnerTokens } from "@/db/schema";
import { API_KEY_PREFIX, hashSecret, PARTNER_TOKEN_PREFIX } from "./credentials";
import type { Principal } from "./define";

// last_used_at is written at most once a minute per secret, not on every request
const TOUCH_EVERY_MS = 60_000;
const touched = new Map<string, number>();
function due(id: string, now: number): boolean {
  if (now - (touched.get(id) ?? 0) < TOUCH_EVERY_MS) return false;
  touched.set(id, now);
  return true;
}

/** The live key or partner token a secret belongs to (not revoked, not expired; a partner still approved). */
export async function authenticate(db: Db, secret: string, now = new Date()): Promise<Principal | null> {
  const hash = hashSecret(secret);
  const live = (t: typeof apiKeys | typeof partnerTokens) => and(eq(t.secretHash, hash), isNull(t.revokedAt), or(isNull(t.expiresAt), gt(t.expiresAt, now)));
  if (secret.startsWith(API_KEY_PREFIX)) {
    const [key] = await db
      .select({ id: apiKeys.id, prefix: apiKeys.prefix, name: apiKeys.name, programId: apiKeys.programId, scopes: apiKeys.scopes, createdBy: apiKeys.createdBy })
      .from(apiKeys)
      .where(live(apiKeys));
    if (!key) return null;
    if (due(key.id, now.getTime())) await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, key.id));
    return { kind: "key", keyId: key.id, prefix: key.prefix, name: key.name, programId: key.programId, scopes: key.scopes, createdBy: key.createdBy };
  }
  if (secret.startsWith(PARTNER_TOKEN_PREFIX)) {
    const [token] = await db
      .select({ id: partnerTokens.id, partnerId: partnerTokens.partnerId })
      .from(partnerTokens)
      .innerJoin(partners, eq(partners.id, partnerTokens.partnerId))
      // a suspended or closed partner's tokens stop working at once, as their portal session does
      .where(and(live(partnerTokens), eq(partners.status, "approved")));
    if (!token) return null;
    if (due(token.id, now.getTime())) await db.update(partnerTokens).set({ lastUsedAt: now }).where(eq(partnerTokens.id, token.id));
    return { kind: "partner", tokenId: token.id, partnerId: token.partnerId };
  }
  return null;
}
