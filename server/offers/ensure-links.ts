import { randomBytes } from "node:crypto";
import { and, eq, inArray, notExists, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { links, offers } from "@/db/schema";
import { visibleTo } from "@/server/offers/visibility";

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // no look-alikes (l/1, o/0)

export function newLinkCode(length = 8): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

/**
 * Codes and aliases answer at the same /r/<token>, so a new code must be neither. With 32^8 codes a clash
 * is all but impossible, but a partner may pick an alias that looks like a code: check, and draw again.
 */
async function freshCodes(db: DbOrTx, n: number): Promise<string[]> {
  for (;;) {
    const codes = Array.from({ length: n }, () => newLinkCode());
    const taken = await db.select({ code: links.code, alias: links.alias }).from(links).where(or(inArray(links.code, codes), inArray(links.alias, codes)));
    if (taken.length === 0 && new Set(codes).size === n) return codes;
  }
}

/** Gives the partner a tracking link for every active auto-enrol offer visible to them that they have none for yet. */
export async function ensureLinks(db: DbOrTx, partnerId: string): Promise<number> {
  const missing = await db
    .select({ id: offers.id })
    .from(offers)
    .where(
      and(
        eq(offers.status, "active"),
        eq(offers.autoEnrol, true),
        visibleTo(db, partnerId),
        notExists(db.select({ one: sql`1` }).from(links).where(and(eq(links.offerId, offers.id), eq(links.partnerId, partnerId)))),
      ),
    );
  if (missing.length === 0) return 0;
  const codes = await freshCodes(db, missing.length);
  await db.insert(links).values(missing.map((o, i) => ({ code: codes[i]!, partnerId, offerId: o.id })));
  return missing.length;
}
