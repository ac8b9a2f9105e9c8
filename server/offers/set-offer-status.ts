import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { offers, programs } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { invalidateLinkCache } from "@/server/tracking/link-cache";
import type { SetOfferStatusInput } from "./schemas";

/** Active, paused (links stop answering) or archived (paused and out of the lists). The redirect sees it at once. */
export async function setOfferStatus(db: Db, input: SetOfferStatusInput) {
  const [offer] = await db.select({ id: offers.id, programStatus: programs.status }).from(offers).innerJoin(programs, eq(programs.id, offers.programId)).where(eq(offers.id, input.offerId));
  if (!offer) throw new DomainError("NOT_FOUND", "Offer not found");
  if (input.status !== "archived" && offer.programStatus !== "active") throw new DomainError("BAD_REQUEST", "This offer's program is archived: restore the program first", "status");
  await db.update(offers).set({ status: input.status }).where(eq(offers.id, offer.id));
  invalidateLinkCache(db);
  return { offerId: offer.id, status: input.status };
}
