import { describe, expect, it } from "vitest";
import { isIP } from "node:net";
import fc from "fast-check";
import { ipVersion } from "@/server/net/cidr-parse";
import { compileCidrs, parseCidr, unmapIp } from "./cidr";

describe("CIDR matching", () => {
  it("IPv4: network and broadcast addresses are inside, the neighbours outside", () => {
    const set = compileCidrs(["203.0.113.0/24", "10.0.0.0/8"]);
    expect(set.contains("203.0.113.0")).toBe(true);
    expect(set.contains("203.0.113.255")).toBe(true);
    expect(set.contains("203.0.112.255")).toBe(false);
    expect(set.contains("203.0.114.0")).toBe(false);
    expect(set.contains("10.255.255.255")).toBe(true);
    expect(set.contains("11.0.0.0")).toBe(false);
  });

  it("IPv6: any spelling of an address matches", () => {
    const set = compileCidrs(["2001:db8:abcd::/48"]);
    expect(set.contains("2001:db8:abcd::1")).toBe(true);
    expect(set.contains("2001:0DB8:ABCD:ffff:ffff:ffff:ffff:ffff")).toBe(true);
    expect(set.contains("2001:db8:abce::")).toBe(false);
    expect(set.contains("2001:db8:abcc:ffff:ffff:ffff:ffff:ffff")).toBe(false);
  });

  it("IPv4-mapped IPv6 clients match IPv4 ranges, in dotted and hex form", () => {
    const set = compileCidrs(["1.2.3.0/24"]);
    expect(set.contains("::ffff:1.2.3.4")).toBe(true);
    expect(set.contains("::FFFF:1.2.3.4")).toBe(true);
    expect(set.contains("::ffff:102:304")).toBe(true);
    expect(set.contains("::ffff:1.2.4.4")).toBe(false);
    expect(unmapIp("::ffff:102:304")).toBe("1.2.3.4");
    expect(unmapIp("2001:db8::1")).toBe("2001:db8::1");
  });

  it("a mapped range written in IPv6 matches plain IPv4 clients", () => {
    expect(parseCidr("::ffff:1.2.3.0/120")).toEqual({ address: "1.2.3.0", prefix: 24, family: "ipv4" });
    const set = compileCidrs(["::ffff:1.2.3.0/120"]);
    expect(set.contains("1.2.3.200")).toBe(true);
    expect(set.contains("1.2.4.1")).toBe(false);
  });

  it("IPv4 and IPv6 do not cross-match otherwise", () => {
    const set = compileCidrs(["0.0.0.0/0"]);
    expect(set.contains("2001:db8::1")).toBe(false);
    expect(compileCidrs(["::/0"]).contains("2001:db8::1")).toBe(true);
  });

  it("bare addresses are host routes; /0 and /32, /128 are accepted", () => {
    const set = compileCidrs(["192.0.2.1", "2001:db8::5"]);
    expect(set.contains("192.0.2.1")).toBe(true);
    expect(set.contains("192.0.2.2")).toBe(false);
    expect(set.contains("2001:db8:0:0:0:0:0:5")).toBe(true);
    expect(parseCidr("192.0.2.1/32")?.prefix).toBe(32);
    expect(parseCidr("::/128")?.prefix).toBe(128);
  });

  it("malformed entries are skipped and reported, and junk addresses never match", () => {
    const set = compileCidrs(["10.0.0.0/33", "2001:db8::/129", "10.0.0.0/8/1", "nope", "10.0.0.0/-1", "10.0.0.0/ 8", "10.0.0.0/8"]);
    expect(set.invalid).toEqual(["10.0.0.0/33", "2001:db8::/129", "10.0.0.0/8/1", "nope", "10.0.0.0/-1", "10.0.0.0/ 8"]);
    expect(set.size).toBe(1);
    expect(set.contains("not an ip")).toBe(false);
    expect(set.contains("")).toBe(false);
    expect(compileCidrs([]).contains("10.0.0.1")).toBe(false);
  });
});

describe("ipVersion (no node:net, for the browser) agrees with node's isIP", () => {
  const samples = ["1.2.3.4", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "::", "::1", "2001:db8::1", "2001:DB8:0:0:0:0:0:1", "::ffff:1.2.3.4", "::ffff:102:304", "1::2::3", "2001:db8::/32", "12345::", "g::1", "", " 1.2.3.4", "1.2.3.4 ", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "::1.2.3.4"];
  it.each(samples)("%s", (s) => expect(ipVersion(s)).toBe(isIP(s)));

  it("refuses zone ids, which node accepts: a range list has no use for them", () => {
    expect(isIP("fe80::1%eth0")).toBe(6);
    expect(ipVersion("fe80::1%eth0")).toBe(0);
    expect(parseCidr("fe80::1%eth0")).toBeNull();
  });

  it("on random strings of address characters", () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF:."), maxLength: 24 }), (s) => ipVersion(s) === isIP(s)), { numRuns: 3000 });
  });
});
