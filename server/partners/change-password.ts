import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { DomainError } from "@/server/errors";
import { isCleanText } from "@/server/text";

export const changePasswordInput = z.object({
  current: z.string().min(1, "Enter your current password").max(200),
  next: z.string().min(10, "Use at least 10 characters").max(200).refine((v) => isCleanText(v), "Use letters, digits and punctuation only"),
});

/** A signed-in user changes their own password; the current one must be given. Every session ends, this one too. */
export async function changePassword(db: DbOrTx, userId: string, input: z.infer<typeof changePasswordInput>) {
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user) throw new DomainError("NOT_FOUND", "User not found");
  if (!(await verifyPassword(user.hash, input.current))) throw new DomainError("BAD_REQUEST", "That is not your current password", "current");
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(input.next), sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
  return { changed: true };
}
