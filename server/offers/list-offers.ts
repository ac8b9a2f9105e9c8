import { and, asc, count, desc, eq, ilike, ne, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { links, offerAccessRequests, offers, programs } from "@/db/schema";
import type { ListOffersInput } from "./schemas";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The admin's offer list: search by name, filter by status (archived only when asked for), newest first. */
export async function listOffers(db: DbOrTx, input: ListOffersInput) {
  const where: SQL[] = [];
  if (input.status) where.push(eq(offers.status, input.status));
  else where.push(ne(offers.status, "archived"));
  if (input.q) where.push(ilike(offers.name, `%${escapeLike(input.q)}%`));
  if (input.programId) where.push(eq(offers.programId, input.programId));
  const linkCounts = db.select({ offerId: links.offerId, n: count().as("links_n") }).from(links).groupBy(links.offerId).as("link_counts");
  const pending = db
    .select({ offerId: offerAccessRequests.offerId, n: count().as("pending_n") })
    .from(offerAccessRequests)
    .where(eq(offerAccessRequests.status, "pending"))
    .groupBy(offerAccessRequests.offerId)
    .as("pending_requests");
  const rows = await db
    .select({
      id: offers.id,
      name: offers.name,
      status: offers.status,
      visibility: offers.visibility,
      currency: offers.currency,
      landingUrl: offers.landingUrl,
      programId: offers.programId,
      programName: programs.name,
      createdAt: offers.createdAt,
      links: linkCounts.n,
      pendingRequests: pending.n,
    })
    .from(offers)
    .innerJoin(programs, eq(programs.id, offers.programId))
    .leftJoin(linkCounts, eq(linkCounts.offerId, offers.id))
    .leftJoin(pending, eq(pending.offerId, offers.id))
    .where(and(...where))
    .orderBy(desc(offers.createdAt), asc(offers.id))
    .limit(500);
  return rows.map((r) => ({ ...r, links: Number(r.links ?? 0), pendingRequests: Number(r.pendingRequests ?? 0) }));
}
