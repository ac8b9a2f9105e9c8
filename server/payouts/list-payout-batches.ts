import { count, desc } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { payoutBatches } from "@/db/schema";

export async function listPayoutBatches(db: DbOrTx, f: { limit: number; offset: number }) {
  const [items, [total]] = await Promise.all([
    db.select().from(payoutBatches).orderBy(desc(payoutBatches.id)).limit(f.limit).offset(f.offset),
    db.select({ n: count() }).from(payoutBatches),
  ]);
  return { items, total: total?.n ?? 0 };
}
