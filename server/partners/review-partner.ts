import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { partners } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { ensureLinks } from "./ensure-links";

/** Approves or rejects an application. Approval issues the partner's tracking links in the same transaction. */
export async function reviewPartner(db: Db, input: { partnerId: string; decision: "approve" | "reject"; note?: string; actorId: string }) {
  return db.transaction(async (tx) => {
    const [partner] = await tx.select().from(partners).where(eq(partners.id, input.partnerId)).for("update");
    if (!partner) throw new DomainError("NOT_FOUND", "partner not found");
    const status = input.decision === "approve" ? "approved" : "rejected";
    if (partner.status === status) return { partnerId: partner.id, status };
    await tx
      .update(partners)
      .set({ status, reviewedBy: input.actorId, reviewedAt: new Date(), reviewNote: input.note || null })
      .where(eq(partners.id, partner.id));
    if (status === "approved") await ensureLinks(tx, partner.id);
    return { partnerId: partner.id, status };
  });
}
