import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { config, type Config } from "@/server/config";
import { DomainError } from "@/server/errors";

/**
 * Partner documents at rest: AES-256-GCM with a key kept outside the database (DOCUMENTS_KEY). Each file is
 * `v1 | iv (12) | tag (16) | ciphertext`, and the document's id is the additional data, so a file copied onto
 * another document's row fails to decrypt instead of showing the wrong person's passport.
 */
export type DocumentKey = { key: Buffer; id: string };

const VERSION = 1;

export function documentKey(base64: string): DocumentKey {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new Error("DOCUMENTS_KEY must be 32 bytes in base64");
  return { key, id: createHash("sha256").update(key).digest("hex").slice(0, 16) };
}

export function encryptDocument(k: DocumentKey, documentId: string, plaintext: Uint8Array): Uint8Array {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", k.key, iv);
  cipher.setAAD(Buffer.from(documentId));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

/** Throws when the key is not the one that encrypted the file, or the file or its id was tampered with. */
export function decryptDocument(k: DocumentKey, documentId: string, stored: Uint8Array): Uint8Array {
  const buf = Buffer.from(stored);
  if (buf.length < 29 || buf[0] !== VERSION) throw new Error("not an encrypted document");
  const decipher = createDecipheriv("aes-256-gcm", k.key, buf.subarray(1, 13));
  decipher.setAAD(Buffer.from(documentId));
  decipher.setAuthTag(buf.subarray(13, 29));
  return new Uint8Array(Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()]));
}

let cached: DocumentKey | undefined;

/**
 * The key of this process. DOCUMENTS_KEY when set. Without it, development, tests and the demo (DEMO_SEED) generate
 * one and keep it at <DATA_DIR>/documents.key (with a warning: losing that file loses every document); production
 * without the demo refuses, so uploads stop rather than land under a key nobody backed up.
 */
export function currentDocumentKey(): DocumentKey {
  cached ??= keyFor(config());
  return cached;
}

export function keyFor(c: Pick<Config, "documentsKey" | "env" | "demoSeed" | "dataDir">): DocumentKey {
  if (c.documentsKey) return documentKey(c.documentsKey);
  if (c.env === "production" && !c.demoSeed) throw new DomainError("BAD_REQUEST", "Document uploads are switched off: the operator has not set DOCUMENTS_KEY (see README, Documents and statements).");
  const file = path.resolve(c.dataDir, "documents.key");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  }
  console.warn(`[documents] DOCUMENTS_KEY is not set: using the development key in ${file}. Set DOCUMENTS_KEY in production and back it up outside the database.`);
  return documentKey(fs.readFileSync(file, "utf8").trim());
}
