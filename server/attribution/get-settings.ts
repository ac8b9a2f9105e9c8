import { desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { modelFits, offers, programs } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { fitModel } from "./fit-model";
import { DEFAULT_MIN_CONVERSIONS } from "./markov";

/** The program an attribution request names, or NOT_FOUND (never a foreign-key error from a later insert). */
export async function requireProgram(db: DbOrTx, programId: string) {
  const [program] = await db
    .select({ id: programs.id, name: programs.name, model: programs.attributionModel, priority: programs.attributionPriority })
    .from(programs)
    .where(eq(programs.id, programId));
  if (!program) throw new DomainError("NOT_FOUND", "Program not found");
  return program;
}

/** The admin's attribution page: the program's model and priority, each offer's own model, and the latest data-driven fit. */
export async function getAttributionSettings(db: DbOrTx, programId: string) {
  const program = await requireProgram(db, programId);
  const offerRows = await db
    .select({ id: offers.id, name: offers.name, model: offers.attributionModel, windowDays: offers.attributionWindowDays })
    .from(offers)
    .where(eq(offers.programId, programId))
    .orderBy(offers.name);
  const [fit] = await db
    .select({ journeys: modelFits.journeys, conversions: modelFits.conversions, sufficient: modelFits.sufficient, fromAt: modelFits.fromAt, toAt: modelFits.toAt, createdAt: modelFits.createdAt })
    .from(modelFits)
    .where(eq(modelFits.programId, programId))
    .orderBy(desc(modelFits.createdAt))
    .limit(1);
  return { program, offers: offerRows, fit: fit ?? null, minConversions: DEFAULT_MIN_CONVERSIONS };
}

/** "Learn now": refit the program's data-driven weights at once. */
export async function refitModel(db: Db, programId: string) {
  await requireProgram(db, programId);
  const fit = await fitModel(db, programId);
  return { journeys: fit.journeys, conversions: fit.conversions, sufficient: fit.sufficient };
}
