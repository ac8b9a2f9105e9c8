import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { commissions, offerAccessRequests, partners } from "@/db/schema";
import { DomainError } from "@/server/errors";

/**
 * A manager sees and acts on the partners assigned to them only (partners.manager_user_id); `scope` is that
 * manager's user id, or null for every other role (server/auth/permissions.ts partnerScope). Lists add
 * `inScope(scope)` to their where; actions on named objects check them first and answer "not found" for
 * anything outside the scope, as if it did not exist.
 */
export const inScope = (scope: string | null | undefined) => (scope ? eq(partners.managerUserId, scope) : undefined);

async function refuseUnless(found: number, wanted: number, what: string) {
  if (found < wanted) throw new DomainError("NOT_FOUND", `${what} not found`);
}

export async function assertPartnersInScope(db: DbOrTx, scope: string | null | undefined, partnerIds: string[]) {
  if (!scope) return;
  const ids = [...new Set(partnerIds)];
  await refuseUnless(await db.$count(partners, and(inArray(partners.id, ids), eq(partners.managerUserId, scope))), ids.length, "Partner");
}

export async function assertCommissionsInScope(db: DbOrTx, scope: string | null | undefined, commissionIds: string[]) {
  if (!scope) return;
  const ids = [...new Set(commissionIds)];
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(commissions)
    .innerJoin(partners, eq(partners.id, commissions.partnerId))
    .where(and(inArray(commissions.id, ids), eq(partners.managerUserId, scope)));
  await refuseUnless(row?.n ?? 0, ids.length, "Commission");
}

export async function assertAccessRequestInScope(db: DbOrTx, scope: string | null | undefined, requestId: string) {
  if (!scope) return;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(offerAccessRequests)
    .innerJoin(partners, eq(partners.id, offerAccessRequests.partnerId))
    .where(and(eq(offerAccessRequests.id, requestId), eq(partners.managerUserId, scope)));
  await refuseUnless(row?.n ?? 0, 1, "Access request");
}
