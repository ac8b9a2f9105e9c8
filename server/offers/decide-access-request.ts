import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { offerAccessRequests, partners } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { ensureLinks } from "@/server/offers/ensure-links";
import { invalidateLinkCache } from "@/server/tracking/link-cache";
import type { DecideAccessInput } from "./schemas";

/** Approves (the partner gets a tracking link at once, in the same transaction) or denies an access request. */
export async function decideAccessRequest(db: Db, input: DecideAccessInput & { actorId: string }) {
  const result = await db.transaction(async (tx) => {
    const [request] = await tx
      .select({ id: offerAccessRequests.id, partnerId: offerAccessRequests.partnerId, partnerStatus: partners.status })
      .from(offerAccessRequests)
      .innerJoin(partners, eq(partners.id, offerAccessRequests.partnerId))
      .where(eq(offerAccessRequests.id, input.requestId))
      .for("update", { of: offerAccessRequests });
    if (!request) throw new DomainError("NOT_FOUND", "Access request not found");
    const status = input.decision === "approve" ? "approved" : "denied";
    await tx.update(offerAccessRequests).set({ status, decidedBy: input.actorId, decidedAt: new Date() }).where(eq(offerAccessRequests.id, request.id));
    if (status === "approved" && request.partnerStatus === "approved") await ensureLinks(tx, request.partnerId);
    return { requestId: request.id, status };
  });
  invalidateLinkCache(db);
  return result;
}
