import { randomBytes } from "node:crypto";
import { and, eq, notExists, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { links, offers } from "@/db/schema";

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // no look-alikes (l/1, o/0)

export function newLinkCode(length = 8): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

/** Gives the partner a tracking link for every active auto-enrol offer they have none for yet. */
export async function ensureLinks(db: DbOrTx, partnerId: string): Promise<number> {
  const missing = await db
    .select({ id: offers.id })
    .from(offers)
    .where(
      and(
        eq(offers.status, "active"),
        eq(offers.autoEnrol, true),
        notExists(db.select({ one: sql`1` }).from(links).where(and(eq(links.offerId, offers.id), eq(links.partnerId, partnerId)))),
      ),
    );
  if (missing.length === 0) return 0;
  await db.insert(links).values(missing.map((o) => ({ code: newLinkCode(), partnerId, offerId: o.id })));
  return missing.length;
}
