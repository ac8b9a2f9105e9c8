import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { clicks, links, offers } from "@/db/schema";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { PEER_HEADER, PROTO_HEADER } from "@/server/http/peer";
import { CLICK_COOKIE, handleClick } from "./handle-click";
import { invalidateLinkCache } from "./link-cache";

// Read once, on the first click: the load balancer at 10.0.0.2 is a trusted proxy.
vi.stubEnv("TRUSTED_PROXIES", "10.0.0.0/8");
const PROXY = "10.0.0.2";
/** What server/http/serve.ts adds (the socket peer and scheme) plus what the proxy and browser send. */
const HEADERS = {
  [PEER_HEADER]: PROXY,
  [PROTO_HEADER]: "http",
  "x-forwarded-for": "203.0.113.7",
  "user-agent": "UA",
  referer: "https://ref.example/",
};
const get = (code: string, query = "", headers: Record<string, string> = {}) =>
  handleClick(new Request(`http://localhost/r/${encodeURIComponent(code)}${query}`, { headers: { ...HEADERS, ...headers } }), code);

async function expectNotFound(res: Response) {
  expect(res.status).toBe(404);
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  expect(res.headers.get("location")).toBeNull();
  expect(res.headers.get("set-cookie")).toBeNull();
  expect(await res.text()).toContain("This link is not active");
}

describe.each(await drivers())("click redirect on %s", (driver) => {
  let t: TestDb;
  let offerId: string;
  let partnerId: string;
  let code: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    ({ offerId } = await makeProgram(t.db, { attributionWindowDays: 7 }));
    ({ partnerId } = await makePartner(t.db, admin));
    code = await linkCode(t.db, partnerId, offerId);
  });
  afterAll(async () => {
    await t.close();
    vi.unstubAllEnvs();
  });

  it("redirects to the landing page with the click id and encoded sub1, and stores the click", async () => {
    const res = await get(code, `?sub1=${encodeURIComponent("x&payout=9999")}&sub2=b2`);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.origin).toBe("https://lp.example.com");
    const clickId = location.searchParams.get("cid");
    expect(clickId).toMatch(/^clk_[0-9a-z]{26}$/);
    expect(location.searchParams.get("s1")).toBe("x&payout=9999");
    expect(location.searchParams.get("payout")).toBeNull();
    expect([...location.searchParams.keys()]).toEqual(["cid", "s1"]);
    expect(res.headers.get("location")).toContain("s1=x%26payout%3D9999");

    const [row] = await t.db.select().from(clicks).where(eq(clicks.id, clickId ?? ""));
    expect(row).toMatchObject({
      partnerId,
      offerId,
      ip: "203.0.113.7",
      userAgent: "UA",
      referrer: "https://ref.example/",
      sub1: "x&payout=9999",
      sub2: "b2",
      sub3: null,
      sub4: null,
      sub5: null,
    });
  });

  it("sets an HttpOnly, SameSite=Lax click cookie for the attribution window, not Secure over http", async () => {
    const res = await get(code);
    const clickId = new URL(res.headers.get("location") ?? "").searchParams.get("cid");
    const cookie = res.headers.get("set-cookie") ?? "";
    const parts = cookie.split("; ");
    expect(parts[0]).toBe(`${CLICK_COOKIE}=${clickId}`);
    expect(parts).toContain("HttpOnly");
    expect(parts).toContain("SameSite=Lax");
    expect(parts).toContain("Path=/");
    expect(parts).toContain(`Max-Age=${7 * 86_400}`);
    expect(parts).not.toContain("Secure");
  });

  it("marks the cookie Secure behind a trusted https proxy, or when served over TLS itself", async () => {
    const viaProxy = await get(code, "", { "x-forwarded-proto": "https" });
    expect(viaProxy.status).toBe(302);
    expect((viaProxy.headers.get("set-cookie") ?? "").split("; ")).toContain("Secure");
    const direct = await get(code, "", { [PEER_HEADER]: "198.51.100.20", [PROTO_HEADER]: "https" });
    expect((direct.headers.get("set-cookie") ?? "").split("; ")).toContain("Secure");
  });

  it("believes neither X-Forwarded-For nor X-Forwarded-Proto from a client that is not a trusted proxy", async () => {
    const res = await get(code, "", { [PEER_HEADER]: "198.51.100.20", "x-forwarded-for": "6.6.6.6", "x-forwarded-proto": "https" });
    expect(res.status).toBe(302);
    expect((res.headers.get("set-cookie") ?? "").split("; ")).not.toContain("Secure");
    const clickId = new URL(res.headers.get("location") ?? "").searchParams.get("cid");
    const [row] = await t.db.select().from(clicks).where(eq(clicks.id, clickId ?? ""));
    expect(row?.ip).toBe("198.51.100.20");
  });

  it("uses the window of the link's own offer for Max-Age", async () => {
    const other = await makeProgram(t.db, { attributionWindowDays: 45 });
    const admin = await makeAdmin(t.db);
    const p = await makePartner(t.db, admin);
    const res = await get(await linkCode(t.db, p.partnerId, other.offerId));
    expect(res.headers.get("set-cookie")).toContain(`Max-Age=${45 * 86_400}`);
  });

  it("never redirects to a URL taken from the request", async () => {
    const res = await get(code, `?url=${encodeURIComponent("https://evil.example/")}&redirect=https://evil.example&sub1=https://evil.example`);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.host).toBe("lp.example.com");
    expect(location.searchParams.get("url")).toBeNull();
  });

  it("answers 404 for an unknown code and stores no click", async () => {
    const before = await t.db.$count(clicks);
    await expectNotFound(await get("nosuchcode"));
    expect(await t.db.$count(clicks)).toBe(before);
  });

  it.each([
    ["a path traversal", "../x"],
    ["a 65-character code", "a".repeat(65)],
    ["a 5000-character code", "a".repeat(5000)],
    ["a code with a space", "abc def"],
    ["markup", "<script>"],
    ["an empty code", ""],
  ])("answers 404 for %s", async (_label, bad) => {
    const before = await t.db.$count(clicks);
    await expectNotFound(await get(bad));
    expect(await t.db.$count(clicks)).toBe(before);
  });

  it("answers 404 for a paused link, and redirects again once it is active", async () => {
    await t.db.update(links).set({ status: "paused" }).where(eq(links.code, code));
    invalidateLinkCache(t.db); // what the app's pause and resume actions do
    const before = await t.db.$count(clicks);
    await expectNotFound(await get(code));
    expect(await t.db.$count(clicks)).toBe(before);
    await t.db.update(links).set({ status: "active" }).where(eq(links.code, code));
    invalidateLinkCache(t.db); // what the app's pause and resume actions do
    expect((await get(code)).status).toBe(302);
  });

  it("answers 404 for an active link to a paused offer", async () => {
    await t.db.update(offers).set({ status: "paused" }).where(eq(offers.id, offerId));
    invalidateLinkCache(t.db); // what the app's pause and resume actions do
    try {
      const before = await t.db.$count(clicks);
      await expectNotFound(await get(code));
      expect(await t.db.$count(clicks)).toBe(before);
    } finally {
      await t.db.update(offers).set({ status: "active" }).where(eq(offers.id, offerId));
      invalidateLinkCache(t.db); // what the app's pause and resume actions do
    }
    expect((await get(code)).status).toBe(302);
  });
});
