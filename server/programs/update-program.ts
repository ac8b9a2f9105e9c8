import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assertDatabaseKnowsZone } from "./database-time-zone";
import { programs } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { UpdateProgramInput } from "./schemas";

/** A program's name, default currency, time zone and sign-up mode. Offers keep their own currency. */
export async function updateProgram(db: Db, input: UpdateProgramInput) {
  await assertDatabaseKnowsZone(db, input.timeZone);
  const [row] = await db
    .update(programs)
    .set({ name: input.name, defaultCurrency: input.defaultCurrency, timeZone: input.timeZone, signUpMode: input.signUpMode })
    .where(eq(programs.id, input.programId))
    .returning({ id: programs.id });
  if (!row) throw new DomainError("NOT_FOUND", "Program not found");
  return { programId: row.id };
}
