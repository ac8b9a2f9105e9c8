import { randomBytes } from "node:crypto";
import { count, isNull, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { setupTokens, users } from "@/db/schema";
import { hashToken } from "@/server/conversions/postback-auth";

export const SETUP_TOKEN_TTL_MS = 24 * 3_600_000;

export async function hasAdmin(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users).where(ne(users.role, "partner"));
  return (row?.n ?? 0) > 0;
}

/**
 * While no admin exists, each start issues a fresh one-time setup token (24 hours) and retires the unused
 * ones before it, so only the link printed last works. Only the token's SHA-256 is stored. Null once an admin exists.
 */
export async function issueSetupToken(db: Db, now = new Date()): Promise<{ token: string; expiresAt: Date } | null> {
  return db.transaction(async (tx) => {
    const [admin] = await tx.select({ id: users.id }).from(users).where(ne(users.role, "partner")).limit(1);
    if (admin) return null;
    await tx.update(setupTokens).set({ expiresAt: now }).where(isNull(setupTokens.usedAt));
    const token = randomBytes(24).toString("base64url");
    const expiresAt = new Date(now.getTime() + SETUP_TOKEN_TTL_MS);
    await tx.insert(setupTokens).values({ id: newId("setupToken"), tokenHash: hashToken(token), expiresAt });
    return { token, expiresAt };
  });
}
