import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { users, type UserRole } from "@/db/schema";
import { DomainError, isUniqueViolation } from "@/server/errors";
import { hashPassword } from "./password";

export async function createUser(db: DbOrTx, input: { email: string; name: string; password: string; role: UserRole }) {
  const id = newId("user");
  try {
    await db.insert(users).values({ id, email: input.email.trim().toLowerCase(), name: input.name.trim(), role: input.role, passwordHash: await hashPassword(input.password) });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("CONFLICT", "An account with this email already exists.", "email");
    throw err;
  }
  return id;
}
