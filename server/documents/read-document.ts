import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { isTeamRole, partnerDocuments, partners } from "@/db/schema";
import { recordAudit } from "@/server/audit/record-audit";
import type { SessionUser } from "@/server/auth/authenticate";
import { can, partnerScope } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors";
import type { Storage } from "@/server/storage";
import { decryptDocument, documentKey, type DocumentKey } from "./encryption";

export type Viewer = { user: SessionUser; partnerId: string | null; ip?: string | null };

/**
 * The decrypted file, for its own partner or a team member with documents:read (a manager: their partners
 * only). Every attempt is written to the audit log, refusals included, before anything is returned.
 */
export async function readDocument(db: Db, store: Storage, keys: DocumentKey[] | DocumentKey, documentId: string, viewer: Viewer) {
  const [doc] = await db
    .select({ doc: partnerDocuments, manager: partners.managerUserId })
    .from(partnerDocuments)
    .innerJoin(partners, eq(partners.id, partnerDocuments.partnerId))
    .where(eq(partnerDocuments.id, documentId));
  const { user } = viewer;
  const audit = (outcome: "ok" | "failed", error?: string) =>
    recordAudit(db, { actor: { id: user.id, email: user.email, role: user.role }, action: "documents.view", objectType: "partner_document", objectId: documentId, input: { partnerId: doc?.doc.partnerId ?? null }, outcome, error, ip: viewer.ip ?? null });
  const own = user.role === "partner" && !!doc && viewer.partnerId === doc.doc.partnerId;
  const team = isTeamRole(user.role) && can(user.role, "documents:read", "query");
  const scope = isTeamRole(user.role) ? partnerScope(user) : null;
  if (!doc || (!own && !team) || (team && scope && doc.manager !== scope)) {
    await audit("failed", !doc ? "not found" : "refused");
    // a partner asking for another's document learns nothing about it
    throw new DomainError(!doc || user.role === "partner" ? "NOT_FOUND" : "FORBIDDEN", !doc || user.role === "partner" ? "document not found" : "You do not have access to documents.");
  }
  if (!doc.doc.storageKey || doc.doc.deletedAt) {
    await audit("failed", "deleted");
    throw new DomainError("NOT_FOUND", "This document was deleted after the retention period");
  }
  const stored = await store.get(doc.doc.storageKey);
  if (!stored) {
    await audit("failed", "file missing");
    throw new DomainError("NOT_FOUND", "The file of this document is missing from storage");
  }
  const key = (Array.isArray(keys) ? keys : [keys]).find((k) => k.id === doc.doc.keyId);
  if (!key) {
    await audit("failed", `key ${doc.doc.keyId} not configured`);
    throw new Error(`document ${documentId} was encrypted with key ${doc.doc.keyId}, which is not the configured DOCUMENTS_KEY`);
  }
  const bytes = decryptDocument(key, doc.doc.id, stored.body);
  await audit("ok");
  return { bytes, fileName: doc.doc.fileName, contentType: doc.doc.contentType };
}

export { documentKey };
