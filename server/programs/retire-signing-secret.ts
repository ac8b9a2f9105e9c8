import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { programs } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { invalidateProgramAuth } from "@/server/conversions/postback-auth";

/** Ends a rotation: the oldest secret stops being accepted. A lone secret is not retired this way. */
export async function retireOldestSigningSecret(db: Db, input: { programId: string }) {
  const result = await db.transaction(async (tx) => {
    const [program] = await tx.select({ secrets: programs.signingSecrets }).from(programs).where(eq(programs.id, input.programId)).for("update");
    if (!program) throw new DomainError("NOT_FOUND", "Program not found");
    if (program.secrets.length < 2) throw new DomainError("BAD_REQUEST", "There is no older secret to retire.");
    const kept = program.secrets.slice(1);
    await tx.update(programs).set({ signingSecrets: kept }).where(eq(programs.id, input.programId));
    return { count: kept.length };
  });
  invalidateProgramAuth(db);
  return result;
}
