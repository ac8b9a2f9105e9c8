import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hugeBody, streamedRequest } from "@/test/huge-body";
import { MiB } from "./read-body";

/**
 * Every route handler under app/ that accepts a body is sent 40 MB as a stream without Content-Length: each
 * must answer a 4xx/503 and have pulled at most a few MiB of it (the largest limit is Inngest's 4 MiB; routes that
 * refuse first, without a session or an API key, pull none).
 */
const APP = path.resolve(import.meta.dirname, "../../app");
const BODY_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(full) : e.name === "route.ts" ? [full] : [];
  });
}

type Handler = (req: Request, ctx: unknown) => Promise<Response>;
const ctx = { params: Promise.resolve({ nextauth: ["callback", "credentials"], trpc: "partner.signUp", code: "x", id: "x" }) };

const cases: [string, string, string][] = [];
for (const file of routeFiles(APP)) {
  const mod = (await import(file)) as Record<string, unknown>;
  const route = "/" + path.relative(APP, path.dirname(file)).split(path.sep).filter((s) => !s.startsWith("(")).join("/");
  for (const m of BODY_METHODS) if (typeof mod[m] === "function") cases.push([route, m, file]);
}

describe("request body limits", () => {
  it("finds the body-reading routes", () => {
    expect(cases.map(([r, m]) => `${m} ${r}`)).toEqual(expect.arrayContaining(["POST /api/postback", "POST /api/trpc/[trpc]", "POST /api/auth/[...nextauth]"]));
  });

  it.each(cases)("%s %s stops reading a 40 MB body early", async (route, method, file) => {
    const handler = ((await import(file)) as Record<string, Handler>)[method] as Handler;
    const { body, pulled } = hugeBody(40 * MiB);
    const url = `http://localhost:3000${route.replace("[trpc]", "partner.signUp").replace("[...nextauth]", "callback/credentials").replace("[...path]", "offers")}`;
    const headers = { "content-type": "application/json", origin: "http://localhost:3000", "sec-fetch-site": "same-origin", host: "localhost:3000" };
    let status: number;
    try {
      status = (await handler(streamedRequest(url, body, headers, method), ctx)).status;
    } catch (err) {
      // Routes for signed-in users read the session (next/headers) before any of the body; outside a request
      // that call throws here, where a real request without a session gets 401, so it stands for a refusal.
      expect(String(err)).toContain("outside a request scope");
      status = 401;
    }
    // refused (too large, no session, no key, unknown path) or the database is not there: never a 2xx or 5xx
    expect(status === 503 || (status >= 400 && status < 500)).toBe(true);
    expect(pulled()).toBeLessThanOrEqual(4 * MiB + 64 * 1024);
  });

  it("answers the 40 MB postback with 413 after reading at most its 64 KiB limit and one chunk", async () => {
    const { handlePostback } = await import("@/server/conversions/handle-postback");
    const { body, pulled } = hugeBody(40 * MiB);
    const res = await handlePostback(streamedRequest("http://localhost/api/postback", body, { "content-type": "application/json" }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ status: "error", error: "body_too_large" });
    expect(pulled()).toBeLessThanOrEqual(128 * 1024);
  });

  it("answers a 40 MB tRPC mutation with 413 after reading at most its 1 MiB limit and one chunk", async () => {
    const { trpcHandler } = await import("@/server/trpc/handle-request");
    const handleTrpc = trpcHandler(async () => null);
    const { body, pulled } = hugeBody(40 * MiB);
    const res = await handleTrpc(
      streamedRequest("http://localhost:3000/api/trpc/partner.signUp", body, { "content-type": "application/json", origin: "http://localhost:3000", host: "localhost:3000" }),
    );
    expect(res.status).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(MiB + 64 * 1024);
  });
});
