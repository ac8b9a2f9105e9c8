import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { offerPixels, offers } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { normaliseOrigin, type SavePixelSettingsInput } from "./pixel-schemas";

export type PixelSettings = { offerId: string; offerName: string; eventTypes: string[]; enabled: boolean; events: string[]; key: string | null; allowedOrigins: string[] };

export const newPixelKey = () => `pxk_${randomBytes(18).toString("base64url")}`;

/** Every offer of the programs with its pixel settings; an offer never configured has its pixel off and no key. */
export async function listPixelSettings(db: DbOrTx, programIds: string[]): Promise<Record<string, PixelSettings[]>> {
  if (programIds.length === 0) return {};
  const rows = await db
    .select({ programId: offers.programId, offerId: offers.id, offerName: offers.name, eventTypes: offers.eventTypes, enabled: offerPixels.enabled, events: offerPixels.events, key: offerPixels.key, allowedOrigins: offerPixels.allowedOrigins })
    .from(offers)
    .leftJoin(offerPixels, eq(offerPixels.offerId, offers.id))
    .where(inArray(offers.programId, programIds))
    .orderBy(offers.name);
  const out: Record<string, PixelSettings[]> = {};
  for (const r of rows) {
    (out[r.programId] ??= []).push({ offerId: r.offerId, offerName: r.offerName, eventTypes: r.eventTypes, enabled: r.enabled ?? false, events: r.events ?? [], key: r.key, allowedOrigins: r.allowedOrigins ?? [] });
  }
  return out;
}

async function offerEvents(db: DbOrTx, offerId: string): Promise<string[]> {
  const [offer] = await db.select({ eventTypes: offers.eventTypes }).from(offers).where(eq(offers.id, offerId));
  if (!offer) throw new DomainError("NOT_FOUND", "offer not found");
  return offer.eventTypes;
}

/**
 * Turns an offer's pixel on or off, for the events chosen and the page origins listed. The first save makes
 * the offer's key. Turning it on needs at least one event: an enabled pixel that reports nothing is a mistake.
 */
export async function savePixelSettings(db: DbOrTx, input: SavePixelSettingsInput) {
  const eventTypes = await offerEvents(db, input.offerId);
  const unknown = input.events.filter((e) => !eventTypes.includes(e));
  if (unknown.length > 0) throw new DomainError("BAD_REQUEST", `Not an event of this offer: ${unknown.join(", ")}`, "events");
  if (input.enabled && input.events.length === 0) throw new DomainError("BAD_REQUEST", "Choose at least one event the pixel may report", "events");
  const events = [...new Set(input.events)];
  const allowedOrigins = [...new Set(input.allowedOrigins.map((o) => normaliseOrigin(o) ?? o))];
  const [row] = await db
    .insert(offerPixels)
    .values({ offerId: input.offerId, enabled: input.enabled, events, allowedOrigins, key: newPixelKey() })
    .onConflictDoUpdate({ target: offerPixels.offerId, set: { enabled: input.enabled, events, allowedOrigins, updatedAt: new Date() } })
    .returning();
  return row;
}

/** A new key for the offer's pixel: snippets with the old one stop counting at once. */
export async function regeneratePixelKey(db: DbOrTx, input: { offerId: string }) {
  await offerEvents(db, input.offerId);
  const key = newPixelKey();
  await db.insert(offerPixels).values({ offerId: input.offerId, key }).onConflictDoUpdate({ target: offerPixels.offerId, set: { key, updatedAt: new Date() } });
  return { key };
}
