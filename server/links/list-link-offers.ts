import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { offers } from "@/db/schema";
import { offerTermsFor } from "@/server/commissions/plan-book";
import { visibleTo } from "@/server/offers/visibility";

/** Offers a partner may create a link for: the active ones visible to them. What they pay this partner (their own plan, or the offer's default). */
export async function listLinkOffers(db: DbOrTx, partnerId: string) {
  const rows = await db
    .select({ id: offers.id, name: offers.name, programId: offers.programId, currency: offers.currency })
    .from(offers)
    .where(and(eq(offers.status, "active"), visibleTo(db, partnerId)))
    .orderBy(asc(offers.name));
  const terms = await offerTermsFor(db, rows, partnerId);
  return rows.map((r) => ({ id: r.id, name: r.name, currency: r.currency, terms: terms.get(r.id)?.summary ?? [] }));
}
