import { and, count, eq, gt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { loginAttempts } from "@/db/schema";

export type RateLimit = { maxFailures: number; windowMinutes: number };

/** Too many failures for this email, or from this IP (10x the per-email limit), inside the window. */
export async function isLoginBlocked(db: DbOrTx, email: string, ip: string, limit: RateLimit, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - limit.windowMinutes * 60_000);
  const [[byEmail], [byIp]] = await Promise.all([
    db.select({ n: count() }).from(loginAttempts).where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false), gt(loginAttempts.attemptedAt, since))),
    db.select({ n: count() }).from(loginAttempts).where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.attemptedAt, since))),
  ]);
  return (byEmail?.n ?? 0) >= limit.maxFailures || (byIp?.n ?? 0) >= limit.maxFailures * 10;
}

export async function recordLoginAttempt(db: DbOrTx, email: string, ip: string, succeeded: boolean, now = new Date()) {
  await db.insert(loginAttempts).values({ id: newId("loginAttempt", now.getTime()), email, ip, succeeded, attemptedAt: now });
}
