import { describe, expect, it } from "vitest";
import { fillMacros } from "./macros";
import { clientIp, requestOrigin, trustedProxyList } from "@/server/net/client-ip";

describe("fillMacros", () => {
  it("fills and URL-encodes every macro", () => {
    const url = fillMacros("https://lp.example/?cid={click_id}&s1={sub1}&s2={sub2}&x={unknown}", {
      click_id: "clk_1",
      sub1: "x&payout=9999",
      sub2: null,
    });
    expect(url).toBe("https://lp.example/?cid=clk_1&s1=x%26payout%3D9999&s2=&x={unknown}");
    expect(new URL(url).searchParams.get("payout")).toBeNull();
  });
});

describe("clientIp", () => {
  const none = trustedProxyList([]);
  const proxies = trustedProxyList(["10.0.0.0/8", "127.0.0.1"]);

  it("ignores X-Forwarded-For from an untrusted peer (a client can write anything there)", () => {
    expect(clientIp("203.0.113.9", "6.6.6.6", none)).toBe("203.0.113.9");
    expect(clientIp("127.0.0.1", "6.6.6.6", none)).toBe("127.0.0.1");
  });
  it("walks X-Forwarded-For right to left past trusted proxies only", () => {
    expect(clientIp("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.1.2.3", proxies)).toBe("198.51.100.7");
    expect(clientIp("127.0.0.1", "198.51.100.7", proxies)).toBe("198.51.100.7");
    expect(clientIp("10.0.0.2", "10.0.0.9", proxies)).toBe("10.0.0.9");
  });
  it("falls back to the peer on a malformed header and normalises IPv4-mapped IPv6", () => {
    expect(clientIp("10.0.0.2", "garbage", proxies)).toBe("10.0.0.2");
    expect(clientIp("::ffff:203.0.113.5", null, none)).toBe("203.0.113.5");
    expect(clientIp(null, "6.6.6.6", none)).toBeNull();
  });
  it("reads the scheme from X-Forwarded-Proto only behind a trusted proxy", () => {
    const h = (o: Record<string, string>) => new Headers(o);
    expect(requestOrigin(h({ "x-touchpoint-peer": "203.0.113.1", "x-touchpoint-proto": "http", "x-forwarded-proto": "https" }), proxies).https).toBe(false);
    expect(requestOrigin(h({ "x-touchpoint-peer": "10.0.0.2", "x-touchpoint-proto": "http", "x-forwarded-proto": "https" }), proxies).https).toBe(true);
  });
});
