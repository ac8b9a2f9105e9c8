import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { programs, type SignUpMode } from "@/db/schema";

/**
 * How partners join through /signup. Partners belong to the install, not to one program, so the first
 * active program's mode decides (with several programs, set it on the first). No program yet: applications
 * wait for review.
 */
export async function signUpMode(db: DbOrTx): Promise<SignUpMode> {
  const [program] = await db.select({ mode: programs.signUpMode }).from(programs).where(eq(programs.status, "active")).orderBy(asc(programs.createdAt), asc(programs.id)).limit(1);
  return program?.mode ?? "open_approval";
}

/** The program whose sign-up settings (types, questions, terms) /signup uses: the first active one, as above. */
export async function signUpProgram(db: DbOrTx) {
  const [program] = await db
    .select({ id: programs.id, name: programs.name, mode: programs.signUpMode, partnerTypes: programs.partnerTypes })
    .from(programs)
    .where(eq(programs.status, "active"))
    .orderBy(asc(programs.createdAt), asc(programs.id))
    .limit(1);
  return program ?? null;
}
