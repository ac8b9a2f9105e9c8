import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { offers } from "@/db/schema";
import { offerTermsFor } from "@/server/commissions/plan-book";

/** Offers a partner may create a link for: the active ones. What they pay this partner (their own plan, or the offer's default). */
export async function listLinkOffers(db: DbOrTx, partnerId: string | null = null) {
  const rows = await db
    .select({ id: offers.id, name: offers.name, programId: offers.programId, currency: offers.currency })
    .from(offers)
    .where(eq(offers.status, "active"))
    .orderBy(asc(offers.name));
  const terms = await offerTermsFor(db, rows, partnerId);
  return rows.map((r) => ({ id: r.id, name: r.name, currency: r.currency, terms: terms.get(r.id)?.summary ?? [] }));
}
