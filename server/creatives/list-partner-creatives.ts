import { and, arrayContains, asc, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { creatives, links, offers } from "@/db/schema";
import { impressionsByCreative } from "./list-creatives";
import type { PartnerCreativeFilter } from "./schemas";
import { creativeVisibleTo } from "./visibility";

/**
 * The partner's creatives library: what they may see now, filtered, with their own active links to each offer
 * (to build snippets from) and their own impression counts. Filter options come from the unfiltered set.
 */
export async function listPartnerCreatives(db: DbOrTx, partnerId: string, filter: PartnerCreativeFilter, now = new Date()) {
  const visible = creativeVisibleTo(db, partnerId, now);
  const [w, h] = filter.size ? filter.size.split("x").map(Number) : [];
  const rows = await db
    .select({ creative: creatives, offerName: offers.name })
    .from(creatives)
    .innerJoin(offers, eq(offers.id, creatives.offerId))
    .where(
      and(
        visible,
        filter.offerId ? eq(creatives.offerId, filter.offerId) : undefined,
        filter.kind ? eq(creatives.kind, filter.kind) : undefined,
        filter.language ? eq(creatives.language, filter.language) : undefined,
        w && h ? and(eq(creatives.width, w), eq(creatives.height, h)) : undefined,
        filter.tag ? arrayContains(creatives.tags, [filter.tag.toLowerCase()]) : undefined,
      ),
    )
    .orderBy(asc(offers.name), desc(creatives.createdAt), desc(creatives.id))
    .limit(200);
  const all = await db
    .select({ offerId: offers.id, offerName: offers.name, language: creatives.language, width: creatives.width, height: creatives.height, tags: creatives.tags })
    .from(creatives)
    .innerJoin(offers, eq(offers.id, creatives.offerId))
    .where(visible);
  const offerIds = [...new Set(rows.map((r) => r.creative.offerId))];
  const [myLinks, impressions] = await Promise.all([
    offerIds.length
      ? db
          .select({ linkId: links.id, offerId: links.offerId, code: links.code, alias: links.alias, label: links.label })
          .from(links)
          .where(and(eq(links.partnerId, partnerId), eq(links.status, "active"), inArray(links.offerId, offerIds)))
          .orderBy(asc(links.createdAt), asc(links.id))
      : Promise.resolve([]),
    impressionsByCreative(
      db,
      rows.map((r) => r.creative.id),
      partnerId,
    ),
  ]);
  const uniq = <T,>(xs: T[]) => [...new Set(xs)];
  return {
    items: rows.map(({ creative: c, offerName }) => ({
      id: c.id,
      offerId: c.offerId,
      offerName,
      kind: c.kind,
      name: c.name,
      language: c.language,
      tags: c.tags,
      body: c.body,
      subject: c.subject,
      altText: c.altText,
      fileType: c.fileType,
      width: c.width,
      height: c.height,
      version: c.version,
      endsAt: c.endsAt,
      links: myLinks.filter((l) => l.offerId === c.offerId),
      impressions: impressions.get(c.id) ?? 0,
    })),
    options: {
      offers: uniq(all.map((r) => `${r.offerId}\t${r.offerName}`)).map((s) => {
        const [id = "", name = ""] = s.split("\t");
        return { id, name };
      }),
      languages: uniq(all.map((r) => r.language).filter((l): l is string => Boolean(l))).sort(),
      sizes: uniq(all.filter((r) => r.width && r.height).map((r) => `${r.width}x${r.height}`)).sort(),
      tags: uniq(all.flatMap((r) => r.tags)).sort(),
    },
  };
}
