import { and, count, eq, gt, max } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { loginAttempts } from "@/db/schema";

/** `maxFailures` free tries per account and address; delays then double up to `windowMinutes`. */
export type RateLimit = { maxFailures: number; windowMinutes: number };

/** Account-wide (all addresses) failures before its own, shorter delays start, and their cap. */
const ACCOUNT_FREE = 20;
const ACCOUNT_CAP_MS = 60_000;
/** How long an address that signed in to an account before stays trusted for it. */
const KNOWN_DAYS = 90;

/** The wait after `failures` failures when `free` are allowed: 1 s, 2 s, 4 s ... up to the cap. */
export function delayMs(failures: number, free: number, capMs: number): number {
  if (failures < free) return 0;
  return Math.min(capMs, 1000 * 2 ** Math.min(30, failures - free));
}

type Tally = { n: number; last: Date | null };

async function tally(db: DbOrTx, where: ReturnType<typeof and>): Promise<Tally> {
  const [row] = await db.select({ n: count(), last: max(loginAttempts.attemptedAt) }).from(loginAttempts).where(where);
  return { n: row?.n ?? 0, last: row?.last ? new Date(row.last) : null };
}

/**
 * How many milliseconds this attempt must still wait (0: go ahead). Throttles instead of locking:
 * - per account and address, after `maxFailures` failures, delays double up to the window;
 * - per address across accounts (spraying), after ten times that;
 * - per account across addresses (a botnet), after 20, at most a minute, and never for an address that
 *   signed in to this account before: so nobody can keep the owner out from elsewhere, and the reset
 *   e-mail always works.
 */
export async function loginWaitMs(db: DbOrTx, email: string, ip: string, limit: RateLimit, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - limit.windowMinutes * 60_000);
  const capMs = limit.windowMinutes * 60_000;
  const failed = and(eq(loginAttempts.succeeded, false), gt(loginAttempts.attemptedAt, since));
  const [pair, byIp, byEmail, known] = await Promise.all([
    tally(db, and(failed, eq(loginAttempts.email, email), eq(loginAttempts.ip, ip))),
    tally(db, and(failed, eq(loginAttempts.ip, ip))),
    tally(db, and(failed, eq(loginAttempts.email, email))),
    tally(db, and(eq(loginAttempts.succeeded, true), eq(loginAttempts.email, email), eq(loginAttempts.ip, ip), gt(loginAttempts.attemptedAt, new Date(now.getTime() - KNOWN_DAYS * 86_400_000)))),
  ]);
  const until = (t: Tally, wait: number) => (t.last && wait > 0 ? t.last.getTime() + wait - now.getTime() : 0);
  return Math.max(
    0,
    until(pair, delayMs(pair.n, limit.maxFailures, capMs)),
    until(byIp, delayMs(byIp.n, limit.maxFailures * 10, capMs)),
    known.n > 0 ? 0 : until(byEmail, delayMs(byEmail.n, ACCOUNT_FREE, ACCOUNT_CAP_MS)),
  );
}

export async function recordLoginAttempt(db: DbOrTx, email: string, ip: string, succeeded: boolean, now = new Date()) {
  await db.insert(loginAttempts).values({ id: newId("loginAttempt", now.getTime()), email, ip, succeeded, attemptedAt: now });
}
