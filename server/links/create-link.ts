import { and, eq, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { links, offers } from "@/db/schema";
import { DomainError, isUniqueViolation } from "@/server/errors";
import { newLinkCode } from "@/server/offers/ensure-links";
import { visibleTo } from "@/server/offers/visibility";
import { invalidateLinkCache } from "@/server/tracking/link-cache";
import type { CreateLinkInput } from "./schemas";

const ALIAS_TAKEN = () => new DomainError("CONFLICT", "This alias is taken", "alias");

/** A token answers at /r/<token> whether it is a code or an alias, so both share one namespace. */
async function tokenTaken(db: Db, token: string): Promise<boolean> {
  const [row] = await db
    .select({ id: links.id })
    .from(links)
    .where(or(eq(links.code, token), eq(links.alias, token)))
    .limit(1);
  return Boolean(row);
}

/** A partner's additional link to an active offer visible to them, with an optional label and alias. */
export async function createLink(db: Db, input: CreateLinkInput & { partnerId: string }) {
  const [offer] = await db
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.id, input.offerId), eq(offers.status, "active"), visibleTo(db, input.partnerId)));
  if (!offer) throw new DomainError("BAD_REQUEST", "This offer is not available", "offerId");
  const alias = input.alias || null;
  if (alias && (await tokenTaken(db, alias))) throw ALIAS_TAKEN();

  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newLinkCode();
    if (await tokenTaken(db, code)) continue;
    try {
      const [row] = await db
        .insert(links)
        .values({ code, alias, label: input.label || null, partnerId: input.partnerId, offerId: offer.id })
        .returning({ id: links.id, code: links.code, alias: links.alias });
      if (!row) throw new Error("insert returned no row");
      invalidateLinkCache(db);
      return row;
    } catch (err) {
      // Two partners racing for one alias: the unique index decides.
      if (isUniqueViolation(err, "links_alias_uq")) throw ALIAS_TAKEN();
      if (!isUniqueViolation(err, "links_code_uq")) throw err;
    }
  }
  throw new Error("could not find a free link code");
}
