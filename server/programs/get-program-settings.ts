import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { offers, programs } from "@/db/schema";
import { offerTermsFor } from "@/server/commissions/plan-book";

/** The program(s) and offers, with the postback token and signing secrets the operator's backend uses. Admin only. */
export async function getProgramSettings(db: DbOrTx) {
  const [programRows, offerRows] = await Promise.all([
    db.select().from(programs).orderBy(asc(programs.createdAt)),
    db.select().from(offers).orderBy(asc(offers.createdAt)),
  ]);
  const terms = await offerTermsFor(db, offerRows, null);
  return programRows.map((p) => ({
    id: p.id,
    name: p.name,
    postbackToken: p.postbackToken,
    // oldest first; the last one is the newest
    signingSecrets: p.signingSecrets,
    postbackIpAllowlist: p.postbackIpAllowlist,
    payoutSettings: p.payoutSettings,
    offers: offerRows.filter((o) => o.programId === p.id).map((o) => ({ ...o, terms: terms.get(o.id)?.summary ?? [] })),
  }));
}
