import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { partnerDocuments, partners, users } from "@/db/schema";
import { config } from "@/server/config";
import { DomainError } from "@/server/errors";
import { queueMail } from "@/server/mail/queue-mail";
import { DOCUMENT_LABELS, reviewDocumentInput } from "./schemas";
import type { z } from "zod";

/**
 * Approve or reject a pending document. Approval replaces the partner's earlier approved document of the same
 * type (only the newest counts); the partner is e-mailed either way, with the reason when rejected.
 */
export async function reviewDocument(db: Db, input: z.input<typeof reviewDocumentInput> & { actorId: string; managerScope?: string | null; now?: Date }) {
  const v = reviewDocumentInput.parse(input);
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [doc] = await tx
      .select({ id: partnerDocuments.id, partnerId: partnerDocuments.partnerId, type: partnerDocuments.type, status: partnerDocuments.status, expiresAt: partnerDocuments.expiresAt, email: users.email, manager: partners.managerUserId })
      .from(partnerDocuments)
      .innerJoin(partners, eq(partners.id, partnerDocuments.partnerId))
      .innerJoin(users, eq(users.id, partners.userId))
      .where(eq(partnerDocuments.id, v.documentId))
      .for("update", { of: partnerDocuments });
    if (!doc || (input.managerScope && doc.manager !== input.managerScope)) throw new DomainError("NOT_FOUND", "document not found");
    if (doc.status !== "pending") throw new DomainError("CONFLICT", `this document was already ${doc.status}`);
    const expiresAt = v.expiresAt ?? doc.expiresAt;
    if (v.decision === "approve" && expiresAt && expiresAt.getTime() <= now.getTime()) throw new DomainError("BAD_REQUEST", "This document has expired: reject it and ask for a current one", "expiresAt");
    const label = DOCUMENT_LABELS[doc.type];
    const link = `${config().appUrl}/portal/documents`;
    if (v.decision === "approve") {
      await tx
        .update(partnerDocuments)
        .set({ status: "replaced", endedAt: now })
        .where(and(eq(partnerDocuments.partnerId, doc.partnerId), eq(partnerDocuments.type, doc.type), eq(partnerDocuments.status, "approved"), ne(partnerDocuments.id, doc.id)));
      await tx.update(partnerDocuments).set({ status: "approved", expiresAt, reviewedBy: input.actorId, reviewedAt: now, rejectReason: null }).where(eq(partnerDocuments.id, doc.id));
      await queueMail(tx, doc.email, "document_approved", { document: label.toLowerCase(), link });
    } else {
      const reason = v.reason ?? "";
      await tx.update(partnerDocuments).set({ status: "rejected", reviewedBy: input.actorId, reviewedAt: now, rejectReason: reason, endedAt: now }).where(eq(partnerDocuments.id, doc.id));
      await queueMail(tx, doc.email, "document_rejected", { document: label.toLowerCase(), reason, link });
    }
    return { id: doc.id, status: v.decision === "approve" ? ("approved" as const) : ("rejected" as const) };
  });
}
