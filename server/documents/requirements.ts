import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { documentRequirements } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { operatorProgram } from "./program";
import { requirementInput, type RequirementInput } from "./schemas";

export type Requirement = typeof documentRequirements.$inferSelect;

/** Whether a requirement asks a partner of `country` (unknown country: only the `all` ones and `except` ones). */
export function appliesTo(r: Pick<Requirement, "scope" | "countries">, country: string | null): boolean {
  if (r.scope === "all") return true;
  if (!country) return r.scope === "except";
  return r.scope === "only" ? r.countries.includes(country) : !r.countries.includes(country);
}

/** The operator program's live requirements. */
export async function listRequirements(db: DbOrTx): Promise<Requirement[]> {
  const program = await operatorProgram(db);
  return db
    .select()
    .from(documentRequirements)
    .where(and(eq(documentRequirements.programId, program.id), isNull(documentRequirements.archivedAt)))
    .orderBy(asc(documentRequirements.createdAt));
}

export async function saveRequirement(db: DbOrTx, input: RequirementInput): Promise<{ id: string }> {
  const v = requirementInput.parse(input);
  const program = await operatorProgram(db);
  const values = { type: v.type, label: v.label, scope: v.scope, countries: v.scope === "all" ? [] : [...new Set(v.countries)].sort(), blocksPayouts: v.blocksPayouts, expires: v.expires };
  if (v.id) {
    const [row] = await db
      .update(documentRequirements)
      .set(values)
      .where(and(eq(documentRequirements.id, v.id), eq(documentRequirements.programId, program.id), isNull(documentRequirements.archivedAt)))
      .returning({ id: documentRequirements.id });
    if (!row) throw new DomainError("NOT_FOUND", "requirement not found");
    return row;
  }
  const id = newId("documentRequirement");
  await db.insert(documentRequirements).values({ id, programId: program.id, ...values });
  return { id };
}

/** Archived requirements stop applying (payouts no longer wait for them); documents already given stay. */
export async function archiveRequirement(db: DbOrTx, id: string, now = new Date()): Promise<{ id: string }> {
  const [row] = await db.update(documentRequirements).set({ archivedAt: now }).where(and(eq(documentRequirements.id, id), isNull(documentRequirements.archivedAt))).returning({ id: documentRequirements.id });
  if (!row) throw new DomainError("NOT_FOUND", "requirement not found");
  return row;
}
