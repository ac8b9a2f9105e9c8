import { and, eq, exists, gt, isNull, lte, notExists, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { creativeGroups, creatives, offers, partnerGroupMembers } from "@/db/schema";
import { visibleTo } from "@/server/offers/visibility";

/** Live now: active, and inside its start and end dates (either may be open). */
export function liveAt(now: Date): SQL {
  return and(eq(creatives.status, "active"), or(isNull(creatives.startsAt), lte(creatives.startsAt, now)), or(isNull(creatives.endsAt), gt(creatives.endsAt, now))) as SQL;
}

/**
 * The creatives a partner may see (the query must join `offers` on the creative's offer): live, of an active
 * offer the partner may promote, and either shown to everyone or to a group the partner belongs to.
 */
export function creativeVisibleTo(db: DbOrTx, partnerId: string, now: Date): SQL {
  const anyGroup = db.select({ one: sql`1` }).from(creativeGroups).where(eq(creativeGroups.creativeId, creatives.id));
  const myGroup = db
    .select({ one: sql`1` })
    .from(creativeGroups)
    .innerJoin(partnerGroupMembers, eq(partnerGroupMembers.groupId, creativeGroups.groupId))
    .where(and(eq(creativeGroups.creativeId, creatives.id), eq(partnerGroupMembers.partnerId, partnerId)));
  return and(liveAt(now), eq(offers.status, "active"), visibleTo(db, partnerId), or(notExists(anyGroup), exists(myGroup))) as SQL;
}
