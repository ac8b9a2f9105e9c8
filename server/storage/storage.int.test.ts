import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/server/config";
import { createStorage } from "./index";
import type { Storage } from "./types";

/**
 * No S3-compatible server can be installed on these machines (no Docker, no MinIO binary), so the S3 path runs
 * against a small loopback listener that speaks the three S3 calls we use. It checks our wiring (path-style URLs,
 * signed requests, content types, NoSuchKey as null), not AWS's behaviour.
 */
function fakeS3() {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const requests: { method: string; url: string; authorization: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = decodeURIComponent(new URL(req.url ?? "/", "http://s3.local").pathname);
      requests.push({ method: req.method ?? "", url, authorization: String(req.headers.authorization ?? "") });
      if (req.method === "PUT") {
        objects.set(url, { body: Buffer.concat(chunks), contentType: String(req.headers["content-type"]) });
        res.writeHead(200, { etag: '"x"' }).end();
      } else if (req.method === "GET") {
        const o = objects.get(url);
        if (!o) {
          res.writeHead(404, { "content-type": "application/xml" });
          res.end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>missing</Message></Error>');
          return;
        }
        res.writeHead(200, { "content-type": o.contentType, "content-length": o.body.length }).end(o.body);
      } else if (req.method === "DELETE") {
        objects.delete(url);
        res.writeHead(204).end();
      } else res.writeHead(405).end();
    });
  });
  return { server, objects, requests };
}

const s3 = fakeS3();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tp-storage-"));

beforeAll(async () => {
  await new Promise<void>((resolve) => s3.server.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  await new Promise((resolve) => s3.server.close(resolve));
  fs.rmSync(tmp, { recursive: true, force: true });
});

const base = { NEXTAUTH_SECRET: "x".repeat(32) };

function stores(): [string, () => Storage][] {
  return [
    ["local", () => createStorage(parseConfig({ ...base, DATA_DIR: tmp }).storage)],
    [
      "s3",
      () =>
        createStorage(
          parseConfig({
            ...base,
            S3_BUCKET: "touchpoint-test",
            S3_ENDPOINT: `http://127.0.0.1:${(s3.server.address() as AddressInfo).port}`,
            S3_ACCESS_KEY_ID: "test",
            S3_SECRET_ACCESS_KEY: "test-secret",
            S3_PREFIX: "tp",
          }).storage,
        ),
    ],
  ];
}

describe.each(stores())("%s storage", (kind, make) => {
  it("puts, gets and deletes bytes with their content type", async () => {
    const store = make();
    expect(store.kind).toBe(kind);
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    expect(await store.put("creatives/crv_1/v1", bytes, { contentType: "image/png" })).toEqual({ size: 7 });
    const got = await store.get("creatives/crv_1/v1");
    expect(got?.contentType).toBe("image/png");
    expect(got?.body.equals(bytes)).toBe(true);
    await store.delete("creatives/crv_1/v1");
    expect(await store.get("creatives/crv_1/v1")).toBeNull();
    await store.delete("creatives/crv_1/v1");
  });

  it("takes a stream", async () => {
    const store = make();
    await store.put("docs/a.pdf", Readable.from([Buffer.from("%PDF-"), Buffer.from("1.7")]), { contentType: "application/pdf" });
    expect((await store.get("docs/a.pdf"))?.body.toString()).toBe("%PDF-1.7");
  });

  it("answers null for a key never written", async () => {
    expect(await make().get("nothing/here")).toBeNull();
  });

  it.each(["../etc/passwd", "/abs", "a//b", "a/../b", "UPPER", "a/./b", "", "a\\b", "x".repeat(513)])(
    "refuses the key %j",
    async (key) => {
      await expect(make().put(key, Buffer.from("x"), { contentType: "text/plain" })).rejects.toThrow(/invalid storage key/);
      await expect(make().get(key)).rejects.toThrow(/invalid storage key/);
    },
  );

  it("refuses a content type that could split headers", async () => {
    await expect(make().put("a", Buffer.from("x"), { contentType: "text/html\r\nx-evil: 1" })).rejects.toThrow(/invalid content type/);
  });
});

describe("local storage", () => {
  it("keeps nothing when the stream fails half way", async () => {
    const store = createStorage({ kind: "local", root: path.join(tmp, "broken") });
    const failing = new Readable({
      read() {
        this.push(Buffer.from("half"));
        this.destroy(new Error("connection reset"));
      },
    });
    await expect(store.put("uploads/x", failing, { contentType: "image/png" })).rejects.toThrow(/connection reset/);
    expect(await store.get("uploads/x")).toBeNull();
    const left = fs.readdirSync(path.join(tmp, "broken", "objects", "uploads"));
    expect(left).toEqual([]);
  });
});

describe("s3 storage", () => {
  it("signs requests and uses path-style URLs under the prefix", () => {
    const puts = s3.requests.filter((r) => r.method === "PUT");
    expect(puts.length).toBeGreaterThan(0);
    expect(puts[0]?.url).toBe("/touchpoint-test/tp/creatives/crv_1/v1");
    expect(puts.every((r) => r.authorization.startsWith("AWS4-HMAC-SHA256 Credential=test/"))).toBe(true);
  });
});

describe("configuration", () => {
  it("defaults to local disk under DATA_DIR/files", () => {
    expect(parseConfig({ ...base, DATA_DIR: "/var/tp/" }).storage).toEqual({ kind: "local", root: "/var/tp/files" });
  });
  it("refuses half a pair of S3 keys and a bad bucket name", () => {
    expect(() => parseConfig({ ...base, S3_BUCKET: "ok-bucket", S3_ACCESS_KEY_ID: "k" })).toThrow(/set both or neither/);
    expect(() => parseConfig({ ...base, S3_BUCKET: "Bad_Bucket" })).toThrow(/S3_BUCKET: must be an S3 bucket name/);
  });
});
