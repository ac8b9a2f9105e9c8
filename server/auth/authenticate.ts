import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { partners, users, type UserRole } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { isLoginBlocked, recordLoginAttempt, type RateLimit } from "./login-rate-limit";
import { dummyHash, verifyPassword } from "./password";

export type SessionUser = { id: string; email: string; name: string; role: UserRole; partnerId: string | null };

const PARTNER_BLOCKED: Record<string, string> = {
  pending: "Your application is still being reviewed. You can sign in as soon as it is approved.",
  rejected: "Your application was not approved.",
  suspended: "Your partner account is suspended. Please contact the program manager.",
};

/** Checks a login. Throws a DomainError whose message is safe to show on the login form. */
export async function authenticate(db: Db, input: { email: string; password: string; ip: string }, limit: RateLimit): Promise<SessionUser> {
  const email = input.email.trim().toLowerCase();
  if (await isLoginBlocked(db, email, input.ip, limit)) {
    throw new DomainError("FORBIDDEN", `Too many failed attempts. Try again in ${limit.windowMinutes} minutes.`);
  }
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, hash: users.passwordHash, partnerId: partners.id, partnerStatus: partners.status })
    .from(users)
    .leftJoin(partners, eq(partners.userId, users.id))
    .where(eq(users.email, email));
  const ok = await verifyPassword(user?.hash ?? (await dummyHash()), input.password);
  await recordLoginAttempt(db, email, input.ip, Boolean(user && ok));
  if (!user || !ok) throw new DomainError("UNAUTHORIZED", "Wrong email or password.");
  if (user.role === "partner" && user.partnerStatus !== "approved") {
    throw new DomainError("FORBIDDEN", PARTNER_BLOCKED[user.partnerStatus ?? "pending"] ?? "Your account cannot sign in.");
  }
  return { id: user.id, email: user.email, name: user.name, role: user.role, partnerId: user.partnerId };
}
