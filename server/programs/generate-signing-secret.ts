import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { programs } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { invalidateProgramAuth } from "@/server/conversions/postback-auth";

/** Two secrets live at once during a rotation (the newest and the previous), so senders switch without downtime. */
export const MAX_SIGNING_SECRETS = 2;

/** Adds a random secret. The array runs oldest to newest; anything older than the previous secret is dropped. */
export async function generateSigningSecret(db: Db, input: { programId: string }) {
  const result = await db.transaction(async (tx) => {
    const [program] = await tx.select({ secrets: programs.signingSecrets }).from(programs).where(eq(programs.id, input.programId)).for("update");
    if (!program) throw new DomainError("NOT_FOUND", "Program not found");
    const secrets = [...program.secrets, randomBytes(32).toString("hex")].slice(-MAX_SIGNING_SECRETS);
    await tx.update(programs).set({ signingSecrets: secrets }).where(eq(programs.id, input.programId));
    return { count: secrets.length };
  });
  invalidateProgramAuth(db);
  return result;
}
