import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { offers } from "@/db/schema";

/** Offers a partner may create a link for: the active ones. What they pay is public to every partner. */
export async function listLinkOffers(db: DbOrTx) {
  return db
    .select({ id: offers.id, name: offers.name, cpaAmount: offers.cpaAmount, currency: offers.currency, commissionEvent: offers.commissionEvent })
    .from(offers)
    .where(eq(offers.status, "active"))
    .orderBy(asc(offers.name));
}
