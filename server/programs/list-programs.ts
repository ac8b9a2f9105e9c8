import { asc, count, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { offers, programs } from "@/db/schema";

/** The admin's program list, oldest first (the first active program decides sign-up), with live offer counts. */
export async function listPrograms(db: DbOrTx) {
  const offerCounts = db
    .select({ programId: offers.programId, n: count().as("offers_n") })
    .from(offers)
    .where(ne(offers.status, "archived"))
    .groupBy(offers.programId)
    .as("offer_counts");
  const rows = await db
    .select({
      id: programs.id,
      name: programs.name,
      status: programs.status,
      defaultCurrency: programs.defaultCurrency,
      timeZone: programs.timeZone,
      signUpMode: programs.signUpMode,
      createdAt: programs.createdAt,
      offers: offerCounts.n,
    })
    .from(programs)
    .leftJoin(offerCounts, eq(offerCounts.programId, programs.id))
    .orderBy(asc(programs.createdAt), asc(programs.id));
  return rows.map((r) => ({ ...r, offers: Number(r.offers ?? 0) }));
}

/** One program with its postback token (admin only) and whether a replaced token is still accepted. */
export async function getProgram(db: DbOrTx, programId: string, now = new Date()) {
  const [p] = await db.select().from(programs).where(eq(programs.id, programId));
  if (!p) return null;
  const graceLive = p.previousPostbackTokenExpiresAt !== null && p.previousPostbackTokenExpiresAt > now;
  return {
    id: p.id,
    name: p.name,
    status: p.status,
    defaultCurrency: p.defaultCurrency,
    timeZone: p.timeZone,
    signUpMode: p.signUpMode,
    partnerTypes: p.partnerTypes,
    postbackToken: p.postbackToken,
    previousTokenExpiresAt: graceLive ? p.previousPostbackTokenExpiresAt : null,
    createdAt: p.createdAt,
  };
}
