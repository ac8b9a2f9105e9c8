import { BlockList, isIP } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isHostPattern } from "@/server/offers/schemas";
import { isIpOrCidr, splitList } from "./schemas";

describe("list fields", () => {
  it("splits on commas and newlines, dropping blanks and repeats, keeping spaces inside an entry", () => {
    expect(splitList(" a.com,b.com\r\n\n c.com , a.com ,,")).toEqual(["a.com", "b.com", "c.com"]);
    expect(splitList("first deposit, ftd")).toEqual(["first deposit", "ftd"]);
    expect(splitList("  ")).toEqual([]);
  });

  it("accepts exactly what Node's isIP accepts as an address (no zone ids)", () => {
    fc.assert(fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (ip) => isIpOrCidr(ip) === (isIP(ip) !== 0)));
    fc.assert(fc.property(fc.string({ maxLength: 20 }), (s) => !isIpOrCidr(s) || isIP(s.split("/")[0] ?? "") !== 0));
  });

  it("accepts only CIDR ranges that the postback check's BlockList can load", () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), fc.integer({ min: 0, max: 140 }), (ip, bits) => {
        const entry = `${ip}/${bits}`;
        const type = isIP(ip) === 6 ? "ipv6" : "ipv4";
        expect(isIpOrCidr(entry)).toBe(bits <= (type === "ipv6" ? 128 : 32));
        if (isIpOrCidr(entry)) expect(() => new BlockList().addSubnet(ip, bits, type)).not.toThrow();
      }),
    );
    for (const bad of ["1.2.3.4/", "1.2.3.4/x", "01.2.3.4", "1.2.3.4/24/8", "fe80::1%eth0", " 1.2.3.4"]) expect(isIpOrCidr(bad)).toBe(false);
  });

  it("accepts hostnames and *.host wildcards as the deep-link check compares them", () => {
    for (const ok of ["example.com", "shop.example.co.uk", "*.example.com", "xn--bcher-kva.example", "a-b.c1.io"]) expect(isHostPattern(ok)).toBe(true);
    for (const bad of ["localhost", "https://example.com", "example.com/path", "*example.com", "*.*.example.com", "ex ample.com", "-a.com", "a-.com", "Example.com", "example.com:443"]) {
      expect(isHostPattern(bad)).toBe(false);
    }
  });
});
