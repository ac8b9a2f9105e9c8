import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { offers, programs } from "@/db/schema";
import { DomainError } from "@/server/errors";

/** The program an import writes to (the only one when none is named) and the offer its links and conversions belong to. */
export async function resolveImportTarget(db: DbOrTx, input: { programId?: string; offerId?: string }) {
  let program: { id: string; defaultCurrency: string } | undefined;
  if (input.programId) {
    [program] = await db.select({ id: programs.id, defaultCurrency: programs.defaultCurrency }).from(programs).where(eq(programs.id, input.programId));
    if (!program) throw new DomainError("NOT_FOUND", `There is no program ${input.programId}`, "programId");
  } else {
    const all = await db.select({ id: programs.id, defaultCurrency: programs.defaultCurrency }).from(programs).where(eq(programs.status, "active")).limit(2);
    if (all.length !== 1) throw new DomainError("BAD_REQUEST", all.length ? "There are several programs: name the one to import into" : "Create a program first", "programId");
    program = all[0]!;
  }
  const offerWhere = input.offerId ? and(eq(offers.programId, program.id), eq(offers.id, input.offerId)) : and(eq(offers.programId, program.id), eq(offers.status, "active"));
  const [offer] = await db.select({ id: offers.id }).from(offers).where(offerWhere).orderBy(asc(offers.createdAt), asc(offers.id)).limit(1);
  if (!offer) throw new DomainError("BAD_REQUEST", input.offerId ? "That offer is not one of the program's" : "The program has no active offer for imported links and conversions", "offerId");
  return { programId: program.id, currency: program.defaultCurrency.trim(), offerId: offer.id };
}
