import { and, eq, exists, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { links, partnerGroupMembers, partners } from "@/db/schema";
import type { AnnouncementAudience } from "@/db/schema/creative-values";

/**
 * The approved partners an announcement goes to: everyone, the members of one group, or the partners of one
 * offer (those holding a tracking link to it, i.e. the ones promoting it).
 */
export async function audiencePartnerIds(db: DbOrTx, target: { audience: AnnouncementAudience; groupId?: string | null; offerId?: string | null }): Promise<string[]> {
  const inGroup = db
    .select({ one: sql`1` })
    .from(partnerGroupMembers)
    .where(and(eq(partnerGroupMembers.partnerId, partners.id), eq(partnerGroupMembers.groupId, target.groupId ?? "")));
  const onOffer = db
    .select({ one: sql`1` })
    .from(links)
    .where(and(eq(links.partnerId, partners.id), eq(links.offerId, target.offerId ?? "")));
  const rows = await db
    .select({ id: partners.id })
    .from(partners)
    .where(and(eq(partners.status, "approved"), target.audience === "group" ? exists(inGroup) : target.audience === "offer" ? exists(onOffer) : undefined));
  return rows.map((r) => r.id);
}
