import fs from "node:fs/promises";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertContentType, assertKey, type Storage, type StorageBody } from "./types";

/**
 * Files on local disk: `<root>/objects/<key>` holds the bytes, `<root>/meta/<key>.json` the content type.
 * Writes go to a temporary file in the same folder and are renamed into place, so a reader never sees half a
 * file and a failed upload leaves nothing.
 */
export function localStorage(root: string): Storage {
  const base = path.resolve(root);
  const objectPath = (key: string) => path.join(base, "objects", key);
  const metaPath = (key: string) => path.join(base, "meta", `${key}.json`);

  async function writeAtomically(target: string, body: StorageBody): Promise<number> {
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      if (body instanceof Uint8Array) await fs.writeFile(tmp, body, { flag: "wx" });
      else await pipeline(body instanceof Readable ? body : Readable.from(body), createWriteStream(tmp, { flags: "wx" }));
      const { size } = await fs.stat(tmp);
      await fs.rename(tmp, target);
      return size;
    } catch (error) {
      await fs.rm(tmp, { force: true });
      throw error;
    }
  }

  return {
    kind: "local",
    async put(key, body, { contentType }) {
      assertKey(key);
      assertContentType(contentType);
      const size = await writeAtomically(objectPath(key), body);
      try {
        await writeAtomically(metaPath(key), Buffer.from(JSON.stringify({ contentType, size })));
      } catch (error) {
        await fs.rm(objectPath(key), { force: true });
        throw error;
      }
      return { size };
    },
    async get(key) {
      assertKey(key);
      try {
        const [body, meta] = await Promise.all([fs.readFile(objectPath(key)), fs.readFile(metaPath(key), "utf8")]);
        const { contentType } = JSON.parse(meta) as { contentType: string };
        return { body, contentType, size: body.length };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      assertKey(key);
      await fs.rm(objectPath(key), { force: true });
      await fs.rm(metaPath(key), { force: true });
    },
  };
}
