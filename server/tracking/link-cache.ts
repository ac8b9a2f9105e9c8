import { and, eq, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { links, offers, partners, type PartnerStatus } from "@/db/schema";
import { ttlCache } from "@/server/cache/ttl-cache";

export type LinkTarget = {
  linkId: string;
  partnerId: string;
  offerId: string;
  landingUrl: string;
  deepLinkHosts: string[];
  windowDays: number;
  /** Only an approved partner's click can earn; others still redirect, marked as not credited. */
  partnerStatus: PartnerStatus;
};

const HIT_TTL_MS = 30_000;
const MISS_TTL_MS = 5_000;
const MAX_ENTRIES = 100_000;

const cache = ttlCache<LinkTarget | null>({ maxEntries: MAX_ENTRIES });

/**
 * The redirect's only read, cached in memory: a hit costs no database round trip. Changes to links, offers
 * and partners' statuses made through the app call invalidateLinkCache(); other processes see them within
 * 30 s (5 s for a code that did not exist). A click made in that window by a partner who was just suspended
 * is stored unmarked, but attribution and accrual read the partner's status themselves, so it never earns.
 */
export async function findLinkTarget(db: DbOrTx, token: string, now = Date.now()): Promise<LinkTarget | null> {
  const hit = cache.get(db, token, now);
  if (hit) return hit.value;
  const [row] = await db
    .select({
      linkId: links.id,
      partnerId: links.partnerId,
      offerId: links.offerId,
      landingUrl: offers.landingUrl,
      deepLinkHosts: offers.deepLinkHosts,
      windowDays: offers.attributionWindowDays,
      partnerStatus: partners.status,
    })
    .from(links)
    .innerJoin(offers, eq(offers.id, links.offerId))
    .innerJoin(partners, eq(partners.id, links.partnerId))
    .where(and(or(eq(links.code, token), eq(links.alias, token)), eq(links.status, "active"), eq(offers.status, "active")))
    .limit(1);
  cache.set(db, token, row ?? null, row ? HIT_TTL_MS : MISS_TTL_MS, now);
  return row ?? null;
}

/** Call after any change to links, offers or a partner's status. */
export function invalidateLinkCache(db: object): void {
  cache.invalidate(db);
}
