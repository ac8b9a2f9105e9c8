import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { clicks, offers } from "@/db/schema";
import { PEER_HEADER } from "@/server/http/peer";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { handleClick, VISITOR_COOKIE } from "./handle-click";
import { invalidateLinkCache } from "./link-cache";

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

describe.each(await drivers())("click enrichment on %s", (driver) => {
  let t: TestDb;
  let codeA: string;
  let codeB: string;
  let offerId: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    ({ offerId } = await makeProgram(t.db, {
      landingUrl: "https://lp.example.com/?cid={click_id}&p={partner_id}&o={offer_id}&l={link_id}&src={utm_source}",
      deepLinkHosts: ["lp.example.com"],
    }));
    codeA = await linkCode(t.db, (await makePartner(t.db, admin)).partnerId, offerId);
    codeB = await linkCode(t.db, (await makePartner(t.db, admin)).partnerId, offerId);
  });
  afterAll(() => t.close());

  const get = (code: string, query = "", headers: Record<string, string> = {}) =>
    handleClick(new Request(`http://localhost/r/${code}${query}`, { headers: { [PEER_HEADER]: "81.2.69.142", "user-agent": IPHONE, ...headers } }), code);
  const stored = async (res: Response) => {
    const clickId = new URL(res.headers.get("location") ?? "").searchParams.get("cid") ?? "";
    const [row] = await t.db.select().from(clicks).where(eq(clicks.id, clickId));
    if (!row) throw new Error(`click ${clickId} not stored`);
    return row;
  };
  const visitorCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith(`${VISITOR_COOKIE}=`)) ?? "";

  it("stores country, device, OS, browser, UTM values and fills the id macros", async () => {
    const res = await get(codeA, "?utm_source=news%20letter&utm_campaign=spring&sub1=a");
    expect(res.status).toBe(302);
    const row = await stored(res);
    expect(row).toMatchObject({ country: "GB", deviceType: "mobile", os: "iOS", browser: "Mobile Safari", isBot: false, utmSource: "news letter", utmCampaign: "spring", sub1: "a" });
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.searchParams.get("p")).toBe(row.partnerId);
    expect(location.searchParams.get("o")).toBe(offerId);
    expect(location.searchParams.get("l")).toBe(row.linkId);
    expect(location.searchParams.get("src")).toBe("news letter");
  });

  it("flags bots and keeps private addresses without a country", async () => {
    const row = await stored(await get(codeA, "", { "user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)", [PEER_HEADER]: "10.1.2.3" }));
    expect(row).toMatchObject({ isBot: true, country: null, ip: "10.1.2.3" });
    expect((await stored(await get(codeA, "", { "user-agent": "" }))).isBot).toBe(true);
  });

  it("gives a new visitor a cookie and keeps one visitor's clicks across partners in one journey", async () => {
    const first = await get(codeA);
    const cookie = visitorCookie(first);
    expect(cookie).toMatch(/^tp_vid=vis_[0-9a-z]{26}; Path=\/; Max-Age=34560000; HttpOnly; SameSite=Lax$/);
    const visitorId = cookie.split(";")[0]?.split("=")[1] ?? "";
    const second = await get(codeB, "", { cookie: `other=1; ${VISITOR_COOKIE}=${visitorId}` });
    expect(visitorCookie(second)).toContain(visitorId);
    const journey = await t.db.select().from(clicks).where(eq(clicks.visitorId, visitorId));
    expect(new Set(journey.map((c) => c.partnerId)).size).toBe(2);
    // A forged visitor cookie is replaced, not stored.
    expect(visitorCookie(await get(codeA, "", { cookie: `${VISITOR_COOKIE}=<script>` }))).not.toContain("script");
  });

  it("follows an allowlisted deep link with the tracking parameters, and ignores any other", async () => {
    const deep = await get(codeA, `?url=${encodeURIComponent("https://lp.example.com/promo/spring?x=1")}`);
    const location = new URL(deep.headers.get("location") ?? "");
    expect(location.pathname).toBe("/promo/spring");
    expect(location.searchParams.get("x")).toBe("1");
    expect(location.searchParams.get("cid")).toMatch(/^clk_/);
    expect((await stored(deep)).deepLink).toBe("https://lp.example.com/promo/spring?x=1");

    const evil = await get(codeA, `?url=${encodeURIComponent("https://evil.example.net/")}`);
    expect(new URL(evil.headers.get("location") ?? "").host).toBe("lp.example.com");
    expect(new URL(evil.headers.get("location") ?? "").pathname).toBe("/");

    await t.db.update(offers).set({ deepLinkHosts: [] }).where(eq(offers.id, offerId));
    invalidateLinkCache(t.db); // what the app's offer editing does
    const off = await get(codeA, `?url=${encodeURIComponent("https://lp.example.com/promo")}`);
    expect(new URL(off.headers.get("location") ?? "").pathname).toBe("/");
  });

  it("drops control characters from sub-IDs instead of failing the batch of clicks around them", async () => {
    const [bad, good] = await Promise.all([get(codeA, "?sub1=a%00b%0D%0Ac&utm_source=%00"), get(codeB, "?sub1=fine")]);
    expect((await stored(bad)).sub1).toBe("abc");
    expect((await stored(bad)).utmSource).toBeNull();
    expect((await stored(good)).sub1).toBe("fine");
  });

  it("stores clicks with emoji and broken UTF-16 in the same batch as clean ones", async () => {
    const { recordClick } = await import("./record-click");
    const byId = async (id: string) => (await t.db.select().from(clicks).where(eq(clicks.id, id)))[0];
    const [odd, emoji, plain] = await Promise.all([
      recordClick(t.db, { code: codeA, ip: null, userAgent: "bot \ud800 x", referrer: null, subs: ["a\udc00b"] }),
      recordClick(t.db, { code: codeA, ip: null, userAgent: "ok", referrer: null, subs: ["🎰 spin", "ü\"'\\"] }),
      recordClick(t.db, { code: codeB, ip: null, userAgent: "ok", referrer: null, subs: ["plain", `${"x".repeat(254)}🎰`] }),
    ]);
    if (!odd.found || !emoji.found || !plain.found) throw new Error("link");
    expect(await byId(odd.clickId)).toMatchObject({ sub1: "a\ufffdb", userAgent: "bot \ufffd x" });
    expect(await byId(emoji.clickId)).toMatchObject({ sub1: "🎰 spin", sub2: "ü\"'\\" });
    expect(await byId(plain.clickId)).toMatchObject({ sub1: "plain", sub2: `${"x".repeat(254)}\ufffd` });
  });

  it("stores every one of 300 concurrent clicks, each under the id it was redirected with", async () => {
    const before = await t.db.$count(clicks);
    const responses = await Promise.all(Array.from({ length: 300 }, (_, i) => get(i % 2 ? codeA : codeB, `?sub2=${i}`)));
    const ids = responses.map((r) => new URL(r.headers.get("location") ?? "").searchParams.get("cid"));
    expect(new Set(ids).size).toBe(300);
    expect(await t.db.$count(clicks)).toBe(before + 300);
  });
});
