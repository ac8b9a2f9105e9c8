import { describe, expect, it } from "vitest";
import { resolveDeepLink, withTrackingParams } from "./deep-link";

const allowed = ["casino.example.com", "*.promo.example.com"];

describe("resolveDeepLink", () => {
  it.each([
    ["https://casino.example.com/spring?x=1", "https://casino.example.com/spring?x=1"],
    ["http://casino.example.com/", "http://casino.example.com/"],
    ["https://CASINO.example.com/a", "https://casino.example.com/a"],
    ["https://eu.promo.example.com/p", "https://eu.promo.example.com/p"],
  ])("allows %s", (raw, href) => {
    expect(resolveDeepLink(raw, allowed)?.href).toBe(href);
  });

  it.each([
    "https://evil.example.net/",
    "//evil.example.net/",
    "https://casino.example.com@evil.example.net/",
    "https://a:b@casino.example.com/",
    "https://evil.example.net\\@casino.example.com/",
    "https:\\\\evil.example.net",
    "https://casino.example.com%2f@evil.example.net/",
    "https://evil.example.net%2fcasino.example.com/",
    "javascript:alert(1)//casino.example.com",
    "data:text/html,<script>",
    "https://casino.example.com/\r\nSet-Cookie: x=1",
    "https://casino.example.com.evil.example.net/",
    "https://promo.example.com/", // the bare parent is not covered by *.promo.example.com
    "https://xpromo.example.com/",
    "ftp://casino.example.com/",
    " https://casino.example.com/",
    "",
  ])("refuses %j", (raw) => {
    expect(resolveDeepLink(raw, allowed)).toBeNull();
  });

  it("refuses everything when the offer has no allowlist", () => {
    expect(resolveDeepLink("https://casino.example.com/", [])).toBeNull();
  });
});

describe("withTrackingParams", () => {
  it("adds the landing page's tracking parameters to the deep link", () => {
    const url = withTrackingParams(new URL("https://casino.example.com/spring?x=1"), "https://casino.example.com/welcome?clickid=clk_1&s1=a%26b");
    const parsed = new URL(url);
    expect(parsed.pathname).toBe("/spring");
    expect(parsed.searchParams.get("x")).toBe("1");
    expect(parsed.searchParams.get("clickid")).toBe("clk_1");
    expect(parsed.searchParams.get("s1")).toBe("a&b");
  });
});
