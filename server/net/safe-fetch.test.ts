import http from "node:http";
import type { AddressInfo, LookupFunction } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { compilePolicy, type IpPolicy, type ResolvedAddress } from "./ip-policy";
import { safeFetch, type SafeFetchResult, USER_AGENT } from "./safe-fetch";
import { BlockedAddressError, safeLookup } from "./safe-lookup";

type Listener = { server: http.Server; port: number; connections: () => number; close: () => Promise<void> };

/** An HTTP listener that counts TCP connections, so a test can prove none was ever opened. */
async function listen(host: string, handler: http.RequestListener = (_req, res) => res.end("ok")): Promise<Listener> {
  const server = http.createServer(handler);
  let connections = 0;
  server.on("connection", () => connections++);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A resolver standing in for DNS: the tests never need the network. */
function fakeDns(table: Record<string, string[]>) {
  return vi.fn(async (hostname: string): Promise<ResolvedAddress[]> => {
    const list = table[hostname];
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  });
}

const ALLOW_LOOPBACK: IpPolicy = { allowPrivate: ["127.0.0.1/32"] };

function expectBlocked(result: SafeFetchResult, label: string) {
  expect(result, label).toMatchObject({ ok: false, error: "blocked_address" });
}

describe("SSRF canary: nothing reaches a loopback listener under the default policy", () => {
  let v4: Listener;
  let v6: Listener | null = null;

  beforeAll(async () => {
    v4 = await listen("127.0.0.1");
    try {
      v6 = await listen("::1");
    } catch (err) {
      console.warn(`IPv6 loopback unavailable (${String(err)}); the [::1] URL is not exercised`);
    }
  });
  afterAll(async () => {
    await v4.close();
    await v6?.close();
  });

  it("refuses every spelling of loopback and every name resolving to it, without connecting", async () => {
    const p = v4.port;
    const urls = [
      `http://127.0.0.1:${p}/`,
      `http://localhost:${p}/`,
      `http://LOCALHOST.:${p}/`,
      `http://canary.localhost:${p}/`,
      `http://2130706433:${p}/`,
      `http://0x7f.0.0.1:${p}/`,
      `http://0x7f000001:${p}/`,
      `http://0177.0.0.1:${p}/`,
      `http://127.1:${p}/`,
      `http://0.0.0.0:${p}/`, // Linux routes 0.0.0.0 to the local host
      `http://0:${p}/`,
      `http://[::ffff:127.0.0.1]:${p}/`,
      `http://[::ffff:7f00:1]:${p}/`,
      `https://127.0.0.1:${p}/`,
    ];
    for (const url of urls) expectBlocked(await safeFetch(url, { timeoutMs: 2000 }), url);
    if (v6) {
      for (const url of [`http://[::1]:${v6.port}/`, `http://[::]:${v6.port}/`]) {
        expectBlocked(await safeFetch(url, { timeoutMs: 2000 }), url);
      }
    }

    // Names go through DNS at connect time; the fake resolver plays an attacker's DNS server.
    const resolve = fakeDns({
      "evil.test": ["127.0.0.1"],
      "mixed.test": ["93.184.216.34", "127.0.0.1"], // one bad answer condemns the name
      "mapped.test": ["::ffff:127.0.0.1"],
      "metadata.test": ["169.254.169.254"],
      "six.test": ["::1"],
    });
    for (const name of ["evil.test", "mixed.test", "mapped.test", "metadata.test", "six.test"]) {
      const result = await safeFetch(`http://${name}:${p}/`, { policy: { resolve }, timeoutMs: 2000 });
      expectBlocked(result, name);
      // The partner learns that the name is refused, not what our DNS says it points to.
      expect(result.ok === false && result.message).not.toMatch(/127\.0\.0\.1|169\.254|::1/);
    }
    // Resolved once per request, inside the connection: no separate pre-check a rebinding DNS could answer differently.
    expect(resolve).toHaveBeenCalledTimes(5);

    expect(v4.connections()).toBe(0);
    expect(v6?.connections() ?? 0).toBe(0);
  });

  it("refuses localhost by name even when a test policy allows loopback addresses", async () => {
    const before = v4.connections();
    for (const url of [`http://localhost:${v4.port}/`, `http://a.localhost:${v4.port}/`]) {
      expectBlocked(await safeFetch(url, { policy: { ...ALLOW_LOOPBACK, allowPrivate: ["127.0.0.1/32", "::1/128"] } }), url);
    }
    expect(v4.connections()).toBe(before);
  });

  it("positive control: the same listeners do count a connection when the policy allows them", async () => {
    const before = v4.connections();
    const result = await safeFetch(`http://127.0.0.1:${v4.port}/`, { policy: ALLOW_LOOPBACK });
    expect(result).toMatchObject({ ok: true, status: 200, body: "ok" });
    expect(v4.connections()).toBe(before + 1);
    if (v6) {
      const before6 = v6.connections();
      const r6 = await safeFetch(`http://[::1]:${v6.port}/`, { policy: { allowPrivate: ["::1/128"] } });
      expect(r6).toMatchObject({ ok: true, status: 200, address: "::1" });
      expect(v6.connections()).toBe(before6 + 1);
    }
  });
});

describe("safeLookup (the connect-time DNS check)", () => {
  const policy = compilePolicy({ allowPrivate: ["127.0.0.1/32"], resolve: fakeDns({ "ok.test": ["127.0.0.1", "::ffff:127.0.0.1"], "bad.test": ["10.0.0.1"] }) });
  const call = (lookup: LookupFunction, host: string, options: Parameters<LookupFunction>[1]) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
      lookup(host, options, (err, address, family) => resolve({ err, address, family })),
    );

  it("answers with an array when Node asks for all addresses (autoSelectFamily) and a single one otherwise", async () => {
    const lookup = safeLookup(policy);
    expect(await call(lookup, "ok.test", { all: true })).toEqual({
      err: null,
      address: [
        { address: "127.0.0.1", family: 4 },
        { address: "::ffff:127.0.0.1", family: 6 },
      ],
      family: undefined,
    });
    expect(await call(lookup, "ok.test", {})).toEqual({ err: null, address: "127.0.0.1", family: 4 });
    expect(await call(lookup, "ok.test", { family: 6 })).toEqual({ err: null, address: "::ffff:127.0.0.1", family: 6 });
  });

  it("fails with BlockedAddressError or a DNS error code, never an address", async () => {
    const lookup = safeLookup(policy);
    const blocked = await call(lookup, "bad.test", { all: true });
    expect(blocked.err).toBeInstanceOf(BlockedAddressError);
    expect((blocked.err as BlockedAddressError).address).toBe("10.0.0.1");
    expect((await call(lookup, "nowhere.test", {})).err?.code).toBe("ENOTFOUND");
    const thrower = safeLookup(compilePolicy({ resolve: () => { throw new Error("boom"); } }));
    expect((await call(thrower, "x.test", {})).err?.message).toBe("boom");
  });
});

describe("safeFetch against an allowed local listener", () => {
  let app: Listener;
  let received: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let landingHits = 0;
  let trickleClosed = false;

  beforeAll(async () => {
    app = await listen("127.0.0.1", (req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        received.push({ method: req.method, url: req.url, headers: req.headers, body });
        switch (req.url) {
          case "/postback?x=1":
            res.writeHead(201, { "x-reply": "yes", "set-cookie": ["a=1", "b=2"] });
            return res.end("accepted");
          case "/redirect":
            res.writeHead(302, { location: "/landing" });
            return res.end();
          case "/landing":
            landingHits++;
            return res.end("you followed a redirect");
          case "/big":
            res.writeHead(200, { "content-type": "text/plain" });
            return res.end("x".repeat(1024 * 1024));
          case "/exact":
            return res.end("y".repeat(100));
          case "/utf8":
            return res.end("é".repeat(10)); // 20 bytes, 2 per character
          case "/endless": {
            // Writes for as long as the client reads; a client without a cap would hang until its timeout.
            res.on("close", () => (trickleClosed = true));
            const chunk = Buffer.alloc(16 * 1024, "z");
            const pump = () => {
              while (!res.destroyed && res.write(chunk));
            };
            res.on("drain", pump);
            return pump();
          }
          case "/stall-body":
            res.writeHead(200, { "content-length": "1000" });
            return res.write("partial"); // and never finishes
          case "/silent":
            return; // never answers
          default:
            res.end("ok");
        }
      });
    });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    received = [];
  });

  const base = () => `http://127.0.0.1:${app.port}`;

  it("POSTs the body and headers and returns status, headers and body", async () => {
    const result = await safeFetch(`${base()}/postback?x=1#fragment`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Signature": "abc" },
      body: '{"event":"sale"}',
      policy: ALLOW_LOOPBACK,
    });
    expect(result).toMatchObject({ ok: true, status: 201, body: "accepted", truncated: false, address: "127.0.0.1" });
    expect(result.ok && result.headers).toMatchObject({ "x-reply": "yes", "set-cookie": "a=1, b=2" });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: "POST", url: "/postback?x=1", body: '{"event":"sale"}' });
    expect(received[0]?.headers).toMatchObject({
      "content-type": "application/json",
      "x-signature": "abc",
      "user-agent": USER_AGENT,
      "content-length": "16",
    });
    expect(USER_AGENT).toBe("Touchpoint-Postback/1.0");
  });

  it("accepts a Buffer body, lets the caller replace the user-agent, and keeps framing headers to itself", async () => {
    const result = await safeFetch(`${base()}/`, {
      method: "POST",
      headers: { "User-Agent": "partner-ua", "Content-Length": "999", "Transfer-Encoding": "chunked", Host: "internal.admin" },
      body: Buffer.from("hello"),
      policy: ALLOW_LOOPBACK,
    });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(received[0]?.body).toBe("hello");
    expect(received[0]?.headers).toMatchObject({ "user-agent": "partner-ua", "content-length": "5", host: `127.0.0.1:${app.port}` });
    expect(received[0]?.headers["transfer-encoding"]).toBeUndefined();
  });

  it("reaches a host name through the (fake) resolver when its address is allowed", async () => {
    const resolve = fakeDns({ "partner.test": ["127.0.0.1"] });
    const result = await safeFetch(`http://partner.test:${app.port}/`, { policy: { ...ALLOW_LOOPBACK, resolve } });
    expect(result).toMatchObject({ ok: true, status: 200, body: "ok", address: "127.0.0.1" });
    expect(received[0]?.headers.host).toBe(`partner.test:${app.port}`);
    expect(resolve).toHaveBeenCalledWith("partner.test");
  });

  it("returns a 302 as is and does not follow its Location", async () => {
    const result = await safeFetch(`${base()}/redirect`, { policy: ALLOW_LOOPBACK });
    expect(result).toMatchObject({ ok: true, status: 302 });
    expect(result.ok && result.headers.location).toBe("/landing");
    expect(received.map((r) => r.url)).toEqual(["/redirect"]);
    expect(landingHits).toBe(0);
  });

  it("reads at most maxBytes of a 1 MiB response and marks it truncated", async () => {
    const small = await safeFetch(`${base()}/big`, { maxBytes: 10_000, policy: ALLOW_LOOPBACK });
    expect(small).toMatchObject({ ok: true, status: 200, truncated: true });
    expect(small.ok && Buffer.byteLength(small.body)).toBe(10_000);

    const byDefault = await safeFetch(`${base()}/big`, { policy: ALLOW_LOOPBACK });
    expect(byDefault).toMatchObject({ ok: true, truncated: true });
    expect(byDefault.ok && Buffer.byteLength(byDefault.body)).toBe(64 * 1024);
  });

  it("stops reading an endless response instead of buffering it until the deadline", async () => {
    const started = Date.now();
    const result = await safeFetch(`${base()}/endless`, { maxBytes: 1000, timeoutMs: 5000, policy: ALLOW_LOOPBACK });
    expect(result).toMatchObject({ ok: true, truncated: true });
    expect(result.ok && result.body.length).toBeLessThanOrEqual(1000);
    expect(Date.now() - started).toBeLessThan(2000);
    await vi.waitFor(() => expect(trickleClosed).toBe(true)); // we hung up on the server
  });

  it("does not call a body of exactly maxBytes truncated, and never splits a UTF-8 character", async () => {
    expect(await safeFetch(`${base()}/exact`, { maxBytes: 100, policy: ALLOW_LOOPBACK })).toMatchObject({ ok: true, truncated: false, body: "y".repeat(100) });
    expect(await safeFetch(`${base()}/utf8`, { maxBytes: 5, policy: ALLOW_LOOPBACK })).toMatchObject({ ok: true, truncated: true, body: "éé" });
  });

  it("times out a listener that never answers, close to timeoutMs", async () => {
    const result = await safeFetch(`${base()}/silent`, { timeoutMs: 300, policy: ALLOW_LOOPBACK });
    expect(result).toMatchObject({ ok: false, error: "timeout" });
    expect(result.durationMs).toBeGreaterThanOrEqual(295);
    expect(result.durationMs).toBeLessThan(800);
  });

  it("counts the body against the same deadline", async () => {
    const result = await safeFetch(`${base()}/stall-body`, { timeoutMs: 300, policy: ALLOW_LOOPBACK });
    expect(result).toMatchObject({ ok: false, error: "timeout" });
    expect(result.durationMs).toBeLessThan(800);
  });

  it("reports a refused connection and an unknown host without throwing", async () => {
    const closed = await listen("127.0.0.1");
    const port = closed.port;
    await closed.close();
    expect(await safeFetch(`http://127.0.0.1:${port}/`, { policy: ALLOW_LOOPBACK })).toMatchObject({
      ok: false,
      error: "connection_failed",
      message: "connection refused",
    });
    expect(await safeFetch("http://nowhere.test/", { policy: { resolve: fakeDns({}) } })).toMatchObject({
      ok: false,
      error: "dns_failed",
      message: "could not resolve host nowhere.test",
    });
  });
});

describe("requests refused before any DNS lookup or connection", () => {
  it.each([
    "ftp://example.com/",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "https://user:pass@example.com/",
    "https://user@example.com/",
    "http://:@example.com/",
    "http://",
    "http:",
    "//example.com/",
    "/relative/path",
    "example.com",
    "",
    "http://[::1/",
    "http://example.com:0/",
    "data:text/plain,hi",
  ])("%j is invalid_url", async (url) => {
    const resolve = fakeDns({ "example.com": ["93.184.216.34"] });
    const result = await safeFetch(url, { policy: { resolve } });
    expect(result).toMatchObject({ ok: false, error: "invalid_url" });
    expect(resolve).not.toHaveBeenCalled();
  });

  it("refuses other methods, a GET body, header injection and an oversized body as invalid_request / too_large", async () => {
    const resolve = fakeDns({ "example.com": ["93.184.216.34"] });
    const policy = { resolve };
    const url = "http://example.com/";
    expect(await safeFetch(url, { method: "PUT" as "GET", policy })).toMatchObject({ ok: false, error: "invalid_request" });
    expect(await safeFetch(url, { body: "x", policy })).toMatchObject({ ok: false, error: "invalid_request" });
    expect(await safeFetch(url, { headers: { "x-a": "1\r\nx-injected: 1" }, policy })).toMatchObject({ ok: false, error: "invalid_request" });
    expect(await safeFetch(url, { headers: { "bad name": "1" }, policy })).toMatchObject({ ok: false, error: "invalid_request" });
    expect(await safeFetch(url, { timeoutMs: 0, policy })).toMatchObject({ ok: false, error: "invalid_request" });
    expect(await safeFetch(url, { method: "POST", body: "x".repeat(11), maxRequestBytes: 10, policy })).toMatchObject({ ok: false, error: "too_large" });
    expect(resolve).not.toHaveBeenCalled();
  });
});
