import { config, type StorageConfig } from "@/server/config";
import { localStorage } from "./local-storage";
import { s3Storage } from "./s3-storage";
import type { Storage } from "./types";

export type { Storage, StorageBody, StoredObject } from "./types";
export { StorageKeyError } from "./types";

export function createStorage(settings: StorageConfig): Storage {
  return settings.kind === "s3" ? s3Storage(settings) : localStorage(settings.root);
}

let current: Storage | undefined;

/** The process's file storage, from the configuration (local disk under DATA_DIR/files unless S3_BUCKET is set). */
export function storage(): Storage {
  current ??= createStorage(config().storage);
  return current;
}

/** Tests point the process at a storage of their own (e.g. a temporary folder). */
export function setStorage(next: Storage | undefined): void {
  current = next;
}
