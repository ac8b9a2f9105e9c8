import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { partnerDocuments, partners, type DocumentStatus } from "@/db/schema";
import { requirementStatus } from "./missing-documents";

const columns = {
  id: partnerDocuments.id,
  partnerId: partnerDocuments.partnerId,
  type: partnerDocuments.type,
  status: partnerDocuments.status,
  fileName: partnerDocuments.fileName,
  contentType: partnerDocuments.contentType,
  size: partnerDocuments.size,
  expiresAt: partnerDocuments.expiresAt,
  reviewedAt: partnerDocuments.reviewedAt,
  rejectReason: partnerDocuments.rejectReason,
  deletedAt: partnerDocuments.deletedAt,
  createdAt: partnerDocuments.createdAt,
};

/** The partner's requirements with where each stands, and their own documents (never another's: scoped by id). */
export async function listMyDocuments(db: DbOrTx, partnerId: string) {
  const [requirements, documents] = await Promise.all([
    requirementStatus(db, partnerId),
    db.select(columns).from(partnerDocuments).where(eq(partnerDocuments.partnerId, partnerId)).orderBy(desc(partnerDocuments.createdAt)),
  ]);
  return { requirements, documents };
}

/** The review queue (pending, oldest first) or documents in other states, limited to a manager's partners when scoped. */
export async function listDocumentQueue(db: DbOrTx, input: { status?: DocumentStatus; partnerId?: string; managerScope: string | null; limit?: number }) {
  const statuses: DocumentStatus[] = input.status ? [input.status] : ["pending"];
  return db
    .select({ ...columns, partnerName: partners.name, partnerCountry: partners.country })
    .from(partnerDocuments)
    .innerJoin(partners, eq(partners.id, partnerDocuments.partnerId))
    .where(
      and(
        inArray(partnerDocuments.status, statuses),
        input.partnerId ? eq(partnerDocuments.partnerId, input.partnerId) : undefined,
        input.managerScope ? eq(partners.managerUserId, input.managerScope) : undefined,
        isNull(partnerDocuments.deletedAt),
      ),
    )
    .orderBy(statuses.includes("pending") ? asc(partnerDocuments.createdAt) : desc(partnerDocuments.createdAt))
    .limit(input.limit ?? 200);
}
