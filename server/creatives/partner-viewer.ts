import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { partners } from "@/db/schema";

/** The approved partner behind a signed-in partner user (as partnerProcedure decides), or null. */
export async function partnerIdForUser(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db.select({ id: partners.id }).from(partners).where(and(eq(partners.userId, userId), eq(partners.status, "approved")));
  return row?.id ?? null;
}
