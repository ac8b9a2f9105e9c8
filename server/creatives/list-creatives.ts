import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { creativeGroups, creativeImpressions, creatives, offers, partnerGroups } from "@/db/schema";
import type { z } from "zod";
import type { adminCreativeFilter } from "./schemas";

/** Impressions per creative (all partners, or one), summed over the folded daily rows. */
export async function impressionsByCreative(db: DbOrTx, creativeIds: string[], partnerId?: string): Promise<Map<string, number>> {
  if (creativeIds.length === 0) return new Map();
  const rows = await db
    .select({ creativeId: creativeImpressions.creativeId, n: sql<string>`sum(${creativeImpressions.impressions})` })
    .from(creativeImpressions)
    .where(and(inArray(creativeImpressions.creativeId, creativeIds), partnerId ? eq(creativeImpressions.partnerId, partnerId) : undefined))
    .groupBy(creativeImpressions.creativeId);
  return new Map(rows.map((r) => [r.creativeId, Number(r.n)]));
}

export async function groupsByCreative(db: DbOrTx, creativeIds: string[]) {
  const out = new Map<string, { id: string; name: string }[]>();
  if (creativeIds.length === 0) return out;
  const rows = await db
    .select({ creativeId: creativeGroups.creativeId, id: partnerGroups.id, name: partnerGroups.name })
    .from(creativeGroups)
    .innerJoin(partnerGroups, eq(partnerGroups.id, creativeGroups.groupId))
    .where(inArray(creativeGroups.creativeId, creativeIds))
    .orderBy(asc(partnerGroups.name));
  for (const r of rows) out.set(r.creativeId, [...(out.get(r.creativeId) ?? []), { id: r.id, name: r.name }]);
  return out;
}

/** The admin's creatives page: newest first, with visibility groups and impression counts. */
export async function listCreatives(db: DbOrTx, filter: z.infer<typeof adminCreativeFilter>) {
  const where = and(
    filter.offerId ? eq(creatives.offerId, filter.offerId) : undefined,
    filter.kind ? eq(creatives.kind, filter.kind) : undefined,
    filter.status === "all" ? undefined : eq(creatives.status, filter.status),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ creative: creatives, offerName: offers.name })
      .from(creatives)
      .innerJoin(offers, eq(offers.id, creatives.offerId))
      .where(where)
      .orderBy(desc(creatives.createdAt), desc(creatives.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ n: count() }).from(creatives).where(where),
  ]);
  const ids = rows.map((r) => r.creative.id);
  const [impressions, groups] = await Promise.all([impressionsByCreative(db, ids), groupsByCreative(db, ids)]);
  return {
    total: total?.n ?? 0,
    items: rows.map(({ creative: c, offerName }) => ({
      id: c.id,
      offerId: c.offerId,
      offerName,
      kind: c.kind,
      name: c.name,
      status: c.status,
      language: c.language,
      tags: c.tags,
      body: c.body,
      subject: c.subject,
      altText: c.altText,
      fileType: c.fileType,
      fileSize: c.fileSize,
      width: c.width,
      height: c.height,
      version: c.version,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      createdAt: c.createdAt,
      groups: groups.get(c.id) ?? [],
      impressions: impressions.get(c.id) ?? 0,
    })),
  };
}

/** Offers and groups for the admin's creative form and filters. */
export async function creativeOptions(db: DbOrTx) {
  const [offerRows, groupRows] = await Promise.all([
    db.select({ id: offers.id, name: offers.name, status: offers.status }).from(offers).orderBy(asc(offers.name)),
    db.select({ id: partnerGroups.id, name: partnerGroups.name }).from(partnerGroups).orderBy(asc(partnerGroups.name)),
  ]);
  return { offers: offerRows, groups: groupRows };
}
