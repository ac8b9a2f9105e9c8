import { and, eq, gt, isNull, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { setupTokens, users } from "@/db/schema";
import { createUser } from "@/server/auth/create-user";
import { hashToken } from "@/server/conversions/postback-auth";
import { DomainError } from "@/server/errors";
import type { CreateOwnerInput } from "./schemas";

const INVALID = "This setup link is not valid any more. Restart Touchpoint to print a new one.";

/** Is this setup link still usable (unused, unexpired)? For the page, before the form is shown. */
export async function setupTokenValid(db: Db, token: string, now = new Date()): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const [row] = await db
    .select({ id: setupTokens.id })
    .from(setupTokens)
    .where(and(eq(setupTokens.tokenHash, hashToken(token)), isNull(setupTokens.usedAt), gt(setupTokens.expiresAt, now)));
  return Boolean(row);
}

/**
 * Creates the owner (the first admin) with a setup token. The token is spent in the same transaction, by a
 * conditional update, so of two racing requests only one creates an account; and none does once an admin exists.
 */
export async function createOwner(db: Db, input: CreateOwnerInput & { now?: Date }) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [spent] = await tx
      .update(setupTokens)
      .set({ usedAt: now })
      .where(and(eq(setupTokens.tokenHash, hashToken(input.token)), isNull(setupTokens.usedAt), gt(setupTokens.expiresAt, now)))
      .returning({ id: setupTokens.id });
    if (!spent) throw new DomainError("FORBIDDEN", INVALID);
    const [admin] = await tx.select({ id: users.id }).from(users).where(ne(users.role, "partner")).limit(1);
    if (admin) throw new DomainError("FORBIDDEN", INVALID);
    const userId = await createUser(tx, { email: input.email, name: input.name, password: input.password, role: "owner" });
    return { userId, email: input.email.trim().toLowerCase() };
  });
}
