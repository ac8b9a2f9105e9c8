import type { Readable } from "node:stream";

/** What a caller hands to `put`: bytes in memory or a stream (read to its end). */
export type StorageBody = Uint8Array | Readable;

export type StoredObject = { body: Buffer; contentType: string; size: number };

/**
 * One interface for uploaded files, whatever holds them (local disk or an S3-compatible bucket).
 * Keys are opaque to the store: callers choose them (e.g. `creatives/<id>/<version>`), the store only checks
 * their shape (see `assertKey`). A `put` is all or nothing: a failed write leaves no object behind.
 */
export type Storage = {
  readonly kind: "local" | "s3";
  put(key: string, body: StorageBody, options: { contentType: string }): Promise<{ size: number }>;
  /** The object's bytes, or null when there is no object under this key. */
  get(key: string): Promise<StoredObject | null>;
  /** Removes the object; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
};

export class StorageKeyError extends Error {}

// Lowercase segments of letters, digits, '_', '-', '.', joined by '/': no '..', no leading '/', no empty segment,
// so a key can never name a path outside the store's root on disk.
const KEY = /^[a-z0-9_-][a-z0-9_.-]*(\/[a-z0-9_-][a-z0-9_.-]*)*$/;

export function assertKey(key: string): void {
  if (key.length > 512 || !KEY.test(key) || key.split("/").some((s) => s === "." || s === ".." || s.includes(".."))) {
    throw new StorageKeyError(`invalid storage key: ${JSON.stringify(key.slice(0, 80))}`);
  }
}

export const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(;[ -~]*)?$/i;

export function assertContentType(contentType: string): void {
  if (contentType.length > 200 || !CONTENT_TYPE.test(contentType)) {
    throw new StorageKeyError(`invalid content type: ${JSON.stringify(contentType.slice(0, 80))}`);
  }
}

/** Reads a body into one buffer (S3 needs a known length; files here are bounded by their callers' limits). */
export async function readBody(body: StorageBody): Promise<Buffer> {
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
