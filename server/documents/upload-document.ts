import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { DOCUMENT_TYPES, partnerDocuments, type DocumentType } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { Storage } from "@/server/storage";
import { encryptDocument, type DocumentKey } from "./encryption";
import { listRequirements } from "./requirements";
import { DOCUMENT_LABELS } from "./schemas";

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** What a document may be, decided from its bytes: the name and the browser's declared type are not trusted. */
const ALLOWED = { "application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg" } as const;

export type UploadInput = { partnerId: string; type: string; fileName: string; bytes: Uint8Array; expiresAt?: Date | null; now?: Date };

/** The type of a file from its bytes, or a refusal that says what is accepted. */
export async function checkDocumentBytes(bytes: Uint8Array): Promise<{ mime: keyof typeof ALLOWED; ext: string }> {
  if (bytes.length === 0) throw new DomainError("BAD_REQUEST", "The file is empty", "file");
  if (bytes.length > MAX_DOCUMENT_BYTES) throw new DomainError("BAD_REQUEST", `The file is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_DOCUMENT_BYTES / 1048576} MB`, "file");
  const found = await fileTypeFromBuffer(bytes);
  if (!found || !(found.mime in ALLOWED)) throw new DomainError("BAD_REQUEST", `This file is ${found ? `a ${found.ext.toUpperCase()} file` : "not a type we recognise"}: upload a PDF, PNG or JPEG`, "file");
  const mime = found.mime as keyof typeof ALLOWED;
  return { mime, ext: ALLOWED[mime] };
}

const cleanName = (name: string, ext: string) => {
  const base = name.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9 _-]+/g, "_").trim().slice(0, 80) || "document";
  return `${base}.${ext}`;
};

/**
 * A partner's upload: checked by its bytes, encrypted with the document key, written to storage, and recorded
 * as pending review. The row and the file land together or not at all: the file is written inside the row's
 * transaction and removed again if the transaction does not commit.
 */
export async function uploadDocument(db: Db, store: Storage, keyOf: DocumentKey | (() => DocumentKey), input: UploadInput) {
  const now = input.now ?? new Date();
  if (!(DOCUMENT_TYPES as readonly string[]).includes(input.type) || input.type === "vat_number") throw new DomainError("BAD_REQUEST", "Pick which document this is", "type");
  const type = input.type as DocumentType;
  const { mime, ext } = await checkDocumentBytes(input.bytes);
  const needsExpiry = (await listRequirements(db)).some((r) => r.type === type && r.expires);
  if (needsExpiry && !input.expiresAt) throw new DomainError("BAD_REQUEST", `Enter the date your ${DOCUMENT_LABELS[type].toLowerCase()} expires`, "expiresAt");
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) throw new DomainError("BAD_REQUEST", "This document has already expired: upload a current one", "expiresAt");
  // the key is asked for only once the upload itself is fine: a wrong file is refused for what it is
  const key = typeof keyOf === "function" ? keyOf() : keyOf;
  const id = newId("partnerDocument", now.getTime());
  // storage keys are lower case; ULIDs are case-insensitive, so this stays unique
  const storageKey = `documents/${input.partnerId}/${id}`.toLowerCase();
  const sealed = encryptDocument(key, id, input.bytes);
  try {
    await db.transaction(async (tx) => {
      await tx.insert(partnerDocuments).values({
        id,
        partnerId: input.partnerId,
        type,
        status: "pending",
        storageKey,
        fileName: cleanName(input.fileName, ext),
        contentType: mime,
        size: input.bytes.length,
        sha256: createHash("sha256").update(input.bytes).digest("hex"),
        keyId: key.id,
        expiresAt: input.expiresAt ?? null,
        createdAt: now,
      });
      await store.put(storageKey, sealed, { contentType: "application/octet-stream" });
    });
  } catch (err) {
    await store.delete(storageKey).catch(() => {});
    throw err;
  }
  return { id, type, status: "pending" as const };
}
