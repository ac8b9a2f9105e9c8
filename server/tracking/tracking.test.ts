import { describe, expect, it } from "vitest";
import { fillMacros } from "./macros";
import { clientIp, trustedProxyList } from "./client-ip";

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

  it("uses the socket peer (right-most hop) when no proxy is trusted", () => {
    expect(clientIp("6.6.6.6, 203.0.113.9", none)).toBe("203.0.113.9");
  });
  it("walks past trusted proxies only", () => {
    expect(clientIp("6.6.6.6, 198.51.100.7, 10.1.2.3", proxies)).toBe("198.51.100.7");
    expect(clientIp("198.51.100.7, 127.0.0.1", proxies)).toBe("198.51.100.7");
  });
  it("normalises IPv4-mapped IPv6 and refuses garbage", () => {
    expect(clientIp("::ffff:203.0.113.5", none)).toBe("203.0.113.5");
    expect(clientIp("not-an-ip", none)).toBeNull();
    expect(clientIp(null, none)).toBeNull();
  });
});
