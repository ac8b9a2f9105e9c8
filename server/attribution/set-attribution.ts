import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { modelFits, offers, programs } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { fitModel } from "./fit-model";
import type { OfferModelInput, ProgramAttributionInput } from "./schemas";

/** Learn weights at once when data-driven is chosen and the program has never been fitted. */
async function ensureFit(db: Db, programId: string) {
  const [fit] = await db.select({ id: modelFits.id }).from(modelFits).where(eq(modelFits.programId, programId)).orderBy(desc(modelFits.createdAt)).limit(1);
  if (!fit) await fitModel(db, programId);
}

/** The program's default model and evidence priority. New conversions only: the past changes by explicit re-attribution. */
export async function setProgramAttribution(db: Db, input: ProgramAttributionInput) {
  const [row] = await db
    .update(programs)
    .set({ attributionModel: input.model, attributionPriority: input.priority })
    .where(eq(programs.id, input.programId))
    .returning({ id: programs.id });
  if (!row) throw new DomainError("NOT_FOUND", "Program not found");
  if (input.model.model === "data_driven") await ensureFit(db, input.programId);
  return row;
}

/** An offer's own model, or null to follow the program's. */
export async function setOfferModel(db: Db, input: OfferModelInput) {
  const [row] = await db.update(offers).set({ attributionModel: input.model }).where(eq(offers.id, input.offerId)).returning({ id: offers.id, programId: offers.programId });
  if (!row) throw new DomainError("NOT_FOUND", "Offer not found");
  if (input.model?.model === "data_driven") await ensureFit(db, row.programId);
  return { id: row.id };
}
