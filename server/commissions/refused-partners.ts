import { and, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { partners } from "@/db/schema";

/**
 * Of these partners, those who may not earn now (any status but approved), with their status. Attribution and
 * accrual both ask, so a partner suspended, rejected or closed earns nothing however old the click or binding.
 */
export async function refusedPartners(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: partners.id, status: partners.status }).from(partners).where(and(inArray(partners.id, unique), ne(partners.status, "approved")));
  return new Map(rows.map((r) => [r.id, r.status]));
}
