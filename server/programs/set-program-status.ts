import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { offers, programs } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { SetProgramStatusInput } from "./schemas";

/**
 * Archives or restores a program. A program whose offers still run cannot be archived: archive them first,
 * so no partner's live link stops answering as a side effect.
 */
export async function setProgramStatus(db: Db, input: SetProgramStatusInput) {
  return db.transaction(async (tx) => {
    const [program] = await tx.select({ id: programs.id }).from(programs).where(eq(programs.id, input.programId)).for("update");
    if (!program) throw new DomainError("NOT_FOUND", "Program not found");
    if (input.status === "archived") {
      const live = await tx.$count(offers, and(eq(offers.programId, program.id), ne(offers.status, "archived")));
      if (live > 0) throw new DomainError("CONFLICT", `Archive this program's ${live === 1 ? "offer" : `${live} offers`} first.`, "status");
    }
    await tx.update(programs).set({ status: input.status }).where(eq(programs.id, program.id));
    return { programId: program.id, status: input.status };
  });
}
