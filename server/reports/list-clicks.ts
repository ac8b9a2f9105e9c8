import { and, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { clicks, conversions, FRAUD_STATUSES, links, offers, partners } from "@/db/schema";

const id = z.string().trim().min(1).max(64);
export const clickLogInput = z.object({
  partnerId: id.optional(),
  offerId: id.optional(),
  linkId: id.optional(),
  sub: z.string().trim().min(1).max(200).optional(),
  country: z.string().trim().length(2, "Use a two-letter country code.").toUpperCase().optional(),
  bot: z.enum(["yes", "no"]).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(100_000).default(0),
});

/** The click log for debugging an integration: newest first, each filter an indexed column or a narrow scan. */
export async function listClicks(db: DbOrTx, input: z.infer<typeof clickLogInput>) {
  const where: (SQL | undefined)[] = [
    input.partnerId ? eq(clicks.partnerId, input.partnerId) : undefined,
    input.offerId ? eq(clicks.offerId, input.offerId) : undefined,
    input.linkId ? eq(clicks.linkId, input.linkId) : undefined,
    input.sub ? or(eq(clicks.sub1, input.sub), eq(clicks.sub2, input.sub), eq(clicks.sub3, input.sub), eq(clicks.sub4, input.sub), eq(clicks.sub5, input.sub)) : undefined,
    input.country ? eq(clicks.country, input.country) : undefined,
    input.bot ? eq(clicks.isBot, input.bot === "yes") : undefined,
    input.from ? gte(clicks.createdAt, input.from) : undefined,
    input.to ? lt(clicks.createdAt, input.to) : undefined,
  ];
  const items = await db
    .select({
      id: clicks.id,
      createdAt: clicks.createdAt,
      partnerId: clicks.partnerId,
      partnerName: partners.name,
      offerName: offers.name,
      linkCode: links.code,
      country: clicks.country,
      deviceType: clicks.deviceType,
      os: clicks.os,
      browser: clicks.browser,
      isBot: clicks.isBot,
      sub1: clicks.sub1,
      sub2: clicks.sub2,
      utmSource: clicks.utmSource,
      visitorId: clicks.visitorId,
    })
    .from(clicks)
    .innerJoin(partners, eq(partners.id, clicks.partnerId))
    .innerJoin(offers, eq(offers.id, clicks.offerId))
    .innerJoin(links, eq(links.id, clicks.linkId))
    .where(and(...where))
    .orderBy(desc(clicks.createdAt), desc(clicks.id))
    .limit(input.limit + 1)
    .offset(input.offset);
  return { items: items.slice(0, input.limit), hasMore: items.length > input.limit };
}

/** One click with everything it carried and the conversions reported against it. */
export async function getClick(db: DbOrTx, clickId: string) {
  const [row] = await db
    .select({ click: clicks, partnerName: partners.name, offerName: offers.name, linkCode: links.code })
    .from(clicks)
    .innerJoin(partners, eq(partners.id, clicks.partnerId))
    .innerJoin(offers, eq(offers.id, clicks.offerId))
    .innerJoin(links, eq(links.id, clicks.linkId))
    .where(eq(clicks.id, clickId));
  if (!row) return null;
  // the transaction id is the rollup worker's bookkeeping, not something to show
  const click = Object.fromEntries(Object.entries(row.click).filter(([k]) => k !== "txid")) as Omit<typeof row.click, "txid">;
  const convs = await db
    .select({ id: conversions.id, event: conversions.event, amount: conversions.amount, currency: conversions.currency, occurredAt: conversions.occurredAt, attributionStatus: conversions.attributionStatus, fraudStatus: conversions.fraudStatus, partnerId: conversions.partnerId })
    .from(conversions)
    .where(eq(conversions.clickId, clickId))
    .orderBy(conversions.occurredAt);
  return { ...row, click, conversions: convs };
}

export const conversionLogInput = z.object({
  partnerId: id.optional(),
  offerId: id.optional(),
  event: z.string().trim().min(1).max(40).optional(),
  fraudStatus: z.enum(FRAUD_STATUSES).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(100_000).default(0),
});

/** The conversion log: newest first; each row opens the conversion's page with its journey. */
export async function listConversions(db: DbOrTx, input: z.infer<typeof conversionLogInput>) {
  const items = await db
    .select({ id: conversions.id, occurredAt: conversions.occurredAt, event: conversions.event, txnId: conversions.txnId, amount: conversions.amount, currency: conversions.currency, partnerName: partners.name, offerName: offers.name, attributionStatus: conversions.attributionStatus, fraudStatus: conversions.fraudStatus, clickId: conversions.clickId })
    .from(conversions)
    .innerJoin(offers, eq(offers.id, conversions.offerId))
    .leftJoin(partners, eq(partners.id, conversions.partnerId))
    .where(
      and(
        input.partnerId ? eq(conversions.partnerId, input.partnerId) : undefined,
        input.offerId ? eq(conversions.offerId, input.offerId) : undefined,
        input.event ? eq(conversions.event, input.event) : undefined,
        input.fraudStatus ? eq(conversions.fraudStatus, input.fraudStatus) : undefined,
        input.from ? gte(conversions.occurredAt, input.from) : undefined,
        input.to ? lt(conversions.occurredAt, input.to) : undefined,
      ),
    )
    .orderBy(desc(conversions.occurredAt), desc(conversions.id))
    .limit(input.limit + 1)
    .offset(input.offset);
  return { items: items.slice(0, input.limit), hasMore: items.length > input.limit };
}
