import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { offers } from "@/db/schema";
import { DomainError } from "@/server/errors";

/**
 * A paused copy of an offer's settings (not its links, conversions or plan assignments), to be edited and
 * then activated. Paused, so no partner gets a link to a half-configured offer.
 */
export async function duplicateOffer(db: Db, input: { offerId: string }) {
  const [source] = await db.select().from(offers).where(eq(offers.id, input.offerId));
  if (!source) throw new DomainError("NOT_FOUND", "Offer not found");
  const [row] = await db
    .insert(offers)
    .values({
      id: newId("offer"),
      programId: source.programId,
      name: `Copy of ${source.name}`.slice(0, 120),
      description: source.description,
      status: "paused",
      visibility: source.visibility,
      landingUrl: source.landingUrl,
      deepLinkHosts: source.deepLinkHosts,
      attributionWindowDays: source.attributionWindowDays,
      eventTypes: source.eventTypes,
      currency: source.currency,
      qualification: source.qualification,
      holdDays: source.holdDays,
      autoApprove: source.autoApprove,
      autoEnrol: source.autoEnrol,
      attributionModel: source.attributionModel,
    })
    .returning({ id: offers.id });
  if (!row) throw new Error("insert returned no row");
  return { offerId: row.id };
}
