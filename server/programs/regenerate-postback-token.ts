import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { programs } from "@/db/schema";
import { hashToken, invalidateProgramAuth } from "@/server/conversions/postback-auth";
import { DomainError } from "@/server/errors";
import { newPostbackToken } from "./create-program";
import type { RegeneratePostbackTokenInput } from "./schemas";

const HOUR_MS = 3_600_000;

/**
 * A new postback token. The replaced one stays accepted for `graceHours` (0: refused at once), so the
 * operator's backend can switch without losing conversions. Only one old token is kept: regenerating again
 * within a grace period ends the older one's.
 */
export async function regeneratePostbackToken(db: Db, input: RegeneratePostbackTokenInput & { now?: Date }) {
  const now = input.now ?? new Date();
  const token = newPostbackToken();
  const result = await db.transaction(async (tx) => {
    const [program] = await tx.select({ hash: programs.postbackTokenHash }).from(programs).where(eq(programs.id, input.programId)).for("update");
    if (!program) throw new DomainError("NOT_FOUND", "Program not found");
    const graceUntil = input.graceHours > 0 ? new Date(now.getTime() + input.graceHours * HOUR_MS) : null;
    await tx
      .update(programs)
      .set({
        postbackToken: token,
        postbackTokenHash: hashToken(token),
        previousPostbackTokenHash: graceUntil ? program.hash : null,
        previousPostbackTokenExpiresAt: graceUntil,
      })
      .where(eq(programs.id, input.programId));
    return { previousTokenExpiresAt: graceUntil };
  });
  invalidateProgramAuth(db);
  return result;
}
