import { describe, expect, it } from "vitest";
import { hugeBody, streamedRequest } from "@/test/huge-body";
import { BodyTooLargeError, KiB, MiB, readBodyText, withBoundedBody } from "./read-body";

describe("readBodyText", () => {
  it("reads a body under the limit whole, across chunks", async () => {
    const { body } = hugeBody(100 * KiB, 7 * KiB);
    const text = await readBodyText(streamedRequest("http://x/", body), 128 * KiB);
    expect(text.length).toBe(100 * KiB);
  });

  it("accepts a body of exactly the limit", async () => {
    const { body } = hugeBody(64 * KiB, 1000);
    expect((await readBodyText(streamedRequest("http://x/", body), 64 * KiB)).length).toBe(64 * KiB);
  });

  it("stops reading a 40 MB stream without Content-Length one chunk past the limit", async () => {
    const { body, pulled } = hugeBody(40 * MiB);
    const err = await readBodyText(streamedRequest("http://x/", body), 64 * KiB).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BodyTooLargeError);
    expect((err as Error).message).toBe("body must be at most 64 KiB");
    expect(pulled()).toBeLessThanOrEqual(64 * KiB + 64 * KiB);
  });

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const { body, pulled } = hugeBody(40 * MiB);
    const err = await readBodyText(streamedRequest("http://x/", body, { "content-length": String(40 * MiB) }), MiB).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BodyTooLargeError);
    expect(pulled()).toBe(0);
  });

  it("does not trust a small Content-Length: the bytes received count", async () => {
    const { body, pulled } = hugeBody(10 * MiB);
    const err = await readBodyText(streamedRequest("http://x/", body, { "content-length": "10" }), MiB).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BodyTooLargeError);
    expect(pulled()).toBeLessThan(2 * MiB);
  });
});

describe("withBoundedBody", () => {
  it("answers 413 JSON for a body over the limit", async () => {
    const { body } = hugeBody(3 * MiB);
    const res = await withBoundedBody(streamedRequest("http://x/", body), MiB);
    expect(res).toBeInstanceOf(Response);
    expect((res as Response).status).toBe(413);
    expect(await (res as Response).json()).toMatchObject({ error: "body_too_large" });
  });

  it("hands on a request whose body can be read again", async () => {
    const req = await withBoundedBody(new Request("http://x/a?b=1", { method: "POST", headers: { "content-type": "application/json" }, body: '{"a":1}' }), MiB);
    expect(req).toBeInstanceOf(Request);
    expect(await (req as Request).json()).toEqual({ a: 1 });
    expect((req as Request).url).toBe("http://x/a?b=1");
  });
});
