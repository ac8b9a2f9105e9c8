import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { offers, programs } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { CreateOfferInput } from "./schemas";

/** A new offer in an active program. Partners see it (by its visibility) once it is active; a plan pays on it. */
export async function createOffer(db: Db, input: CreateOfferInput) {
  const [program] = await db.select({ status: programs.status }).from(programs).where(eq(programs.id, input.programId));
  if (!program) throw new DomainError("BAD_REQUEST", "Pick a program", "programId");
  if (program.status !== "active") throw new DomainError("BAD_REQUEST", "This program is archived: restore it first", "programId");
  const [row] = await db
    .insert(offers)
    .values({
      id: newId("offer"),
      programId: input.programId,
      name: input.name,
      description: input.description || null,
      landingUrl: input.landingUrl,
      currency: input.currency,
      eventTypes: input.eventTypes,
      attributionWindowDays: input.attributionWindowDays,
      deepLinkHosts: input.deepLinkHosts,
      visibility: input.visibility,
    })
    .returning({ id: offers.id });
  if (!row) throw new Error("insert returned no row");
  return { offerId: row.id };
}
