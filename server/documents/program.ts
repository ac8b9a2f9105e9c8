import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { programs } from "@/db/schema";
import { DomainError } from "@/server/errors";

/**
 * The operator's program: requirements, company details and invoice numbering belong to it. One operator runs
 * one payout process (as payoutSettings does), and partners are not tied to a single program, so it is the first one.
 */
export async function operatorProgram(db: DbOrTx): Promise<{ id: string; name: string }> {
  const [p] = await db.select({ id: programs.id, name: programs.name }).from(programs).orderBy(asc(programs.createdAt)).limit(1);
  if (!p) throw new DomainError("BAD_REQUEST", "Create a program first");
  return p;
}
