import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { offers, programs } from "@/db/schema";

/** The program(s) and offers, with the postback token the operator's backend must send. Admin only. */
export async function getProgramSettings(db: DbOrTx) {
  const [programRows, offerRows] = await Promise.all([
    db.select().from(programs).orderBy(asc(programs.createdAt)),
    db.select().from(offers).orderBy(asc(offers.createdAt)),
  ]);
  return programRows.map((p) => ({
    id: p.id,
    name: p.name,
    postbackToken: p.postbackToken,
    offers: offerRows.filter((o) => o.programId === p.id),
  }));
}
