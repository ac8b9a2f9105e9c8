import { describe, expect, it } from "vitest";
import { compilePolicy, DEFAULT_POLICY, isBlockedAddress, isForbiddenHostname } from "./ip-policy";

/** [range, first, a middle address, last]; written out by hand so the test does not share the code's arithmetic. */
const BLOCKED_V4: [string, string, string, string][] = [
  ["0.0.0.0/8", "0.0.0.0", "0.128.7.1", "0.255.255.255"],
  ["10.0.0.0/8", "10.0.0.0", "10.128.0.1", "10.255.255.255"],
  ["100.64.0.0/10", "100.64.0.0", "100.100.1.2", "100.127.255.255"],
  ["127.0.0.0/8", "127.0.0.0", "127.0.0.1", "127.255.255.255"],
  ["169.254.0.0/16", "169.254.0.0", "169.254.169.254", "169.254.255.255"],
  ["172.16.0.0/12", "172.16.0.0", "172.20.1.1", "172.31.255.255"],
  ["192.0.0.0/24", "192.0.0.0", "192.0.0.100", "192.0.0.255"],
  ["192.0.2.0/24", "192.0.2.0", "192.0.2.128", "192.0.2.255"],
  ["192.88.99.0/24", "192.88.99.0", "192.88.99.128", "192.88.99.255"],
  ["192.168.0.0/16", "192.168.0.0", "192.168.100.100", "192.168.255.255"],
  ["198.18.0.0/15", "198.18.0.0", "198.18.255.1", "198.19.255.255"],
  ["198.51.100.0/24", "198.51.100.0", "198.51.100.77", "198.51.100.255"],
  ["203.0.113.0/24", "203.0.113.0", "203.0.113.9", "203.0.113.255"],
  ["224.0.0.0/4", "224.0.0.0", "232.1.2.3", "239.255.255.255"],
  ["240.0.0.0/4", "240.0.0.0", "250.1.2.3", "255.255.255.254"],
  ["255.255.255.255/32", "255.255.255.255", "255.255.255.255", "255.255.255.255"],
];

const BLOCKED_V6: [string, string, string, string][] = [
  ["::/128", "::", "0:0:0:0:0:0:0:0", "::"],
  ["::1/128", "::1", "0:0:0:0:0:0:0:1", "::1"],
  ["64:ff9b::/96", "64:ff9b::", "64:ff9b::808:808", "64:ff9b::ffff:ffff"],
  ["100::/64", "100::", "100::1234:5678", "100::ffff:ffff:ffff:ffff"],
  ["2001::/23", "2001::", "2001:100::1", "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff"],
  ["2001:db8::/32", "2001:db8::", "2001:db8:1234::1", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"],
  ["fc00::/7", "fc00::", "fd12:3456::1", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"],
  ["fe80::/10", "fe80::", "fe80::1", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff"],
  ["ff00::/8", "ff00::", "ff02::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"],
];

/** Public addresses, several of them the first address just outside a blocked range. */
const ALLOWED = [
  "8.8.8.8",
  "1.1.1.1",
  "1.0.0.0",
  "9.255.255.255",
  "11.0.0.0",
  "100.63.255.255",
  "100.128.0.0",
  "126.255.255.255",
  "128.0.0.0",
  "169.253.255.255",
  "169.255.0.0",
  "172.15.255.255",
  "172.32.0.0",
  "192.0.1.0",
  "192.0.3.0",
  "192.88.98.255",
  "192.167.255.255",
  "192.169.0.0",
  "198.17.255.255",
  "198.20.0.0",
  "198.51.99.255",
  "203.0.114.0",
  "223.255.255.255",
  "2606:4700:4700::1111",
  "2001:4860:4860::8888",
  "2001:200::1", // just past 2001::/23
  "2001:db9::1", // just past 2001:db8::/32
  "100:0:0:1::", // just past 100::/64
  "64:ff9b:0:0:0:1::", // just past 64:ff9b::/96
  "::ffff:8.8.8.8", // IPv4-mapped public address
  "2002:808:808::1", // 6to4 wrapping a public address
];

describe("isBlockedAddress (default policy)", () => {
  it.each([...BLOCKED_V4, ...BLOCKED_V6])("blocks %s at its first, a middle and its last address", (_range, first, middle, last) => {
    expect(isBlockedAddress(first)).toBe(true);
    expect(isBlockedAddress(middle)).toBe(true);
    expect(isBlockedAddress(last)).toBe(true);
  });

  it.each(ALLOWED)("allows public address %s", (ip) => {
    expect(isBlockedAddress(ip)).toBe(false);
  });

  it("judges IPv4-mapped IPv6 (::ffff:0:0/96) by the embedded IPv4 address, in any notation", () => {
    for (const ip of ["::ffff:127.0.0.1", "::ffff:7f00:1", "0:0:0:0:0:ffff:7f00:1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "::ffff:0:0", "::ffff:ffff:ffff"]) {
      expect(isBlockedAddress(ip), ip).toBe(true);
    }
    expect(isBlockedAddress("::ffff:8.8.8.8")).toBe(false);
    expect(isBlockedAddress("::ffff:808:808")).toBe(false);
  });

  it("blocks the extra ranges that also lead somewhere private (IPv4-compatible, 6to4, site-local, local NAT64)", () => {
    for (const ip of ["::127.0.0.1", "::a00:1", "2002:7f00:1::", "2002:a00:1::1", "2002:a9fe:a9fe::", "fec0::1", "64:ff9b:1::a00:1"]) {
      expect(isBlockedAddress(ip), ip).toBe(true);
    }
  });

  it("fails closed on anything that is not a plain IP literal", () => {
    for (const junk of ["", "localhost", "example.com", "2130706433", "0x7f.1", "127.1", "127.0.0.1 ", "fe80::1%eth0", "2606:4700:4700::1111%1", "1.2.3.4/32"]) {
      expect(isBlockedAddress(junk), JSON.stringify(junk)).toBe(true);
    }
  });
});

describe("IpPolicy.allowPrivate", () => {
  const policy = { allowPrivate: ["127.0.0.1/32", "fd00::/8"] };

  it("lets exactly the listed ranges through and nothing next to them", () => {
    expect(isBlockedAddress("127.0.0.1", policy)).toBe(false);
    expect(isBlockedAddress("::ffff:127.0.0.1", policy)).toBe(false); // same host, mapped form
    expect(isBlockedAddress("127.0.0.2", policy)).toBe(true);
    expect(isBlockedAddress("10.0.0.1", policy)).toBe(true);
    expect(isBlockedAddress("fd12::1", policy)).toBe(false);
    expect(isBlockedAddress("fc00::1", policy)).toBe(true);
    expect(isBlockedAddress("::1", policy)).toBe(true);
  });

  it("accepts a bare address as a single-host range", () => {
    expect(isBlockedAddress("10.1.2.3", { allowPrivate: ["10.1.2.3"] })).toBe(false);
    expect(isBlockedAddress("10.1.2.4", { allowPrivate: ["10.1.2.3"] })).toBe(true);
  });

  it("rejects a malformed CIDR loudly instead of allowing something unintended", () => {
    for (const bad of ["127.0.0.1/33", "localhost/8", "10.0.0.0/x", "::1/129", ""]) {
      expect(() => compilePolicy({ allowPrivate: [bad] }), bad).toThrow(TypeError);
    }
  });

  it("leaves the default policy blocking everything", () => {
    expect(DEFAULT_POLICY.allowPrivate).toEqual([]);
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(isBlockedAddress("127.0.0.1", DEFAULT_POLICY)).toBe(true);
  });
});

describe("isForbiddenHostname", () => {
  it("refuses localhost and its subdomains in any case, with or without the root dot", () => {
    for (const name of ["localhost", "LOCALHOST", "localhost.", "a.localhost", "x.y.localhost."]) {
      expect(isForbiddenHostname(name), name).toBe(true);
    }
  });
  it("does not refuse names that merely contain the word", () => {
    for (const name of ["localhost.example.com", "mylocalhost", "example.com", "notlocalhost"]) {
      expect(isForbiddenHostname(name), name).toBe(false);
    }
  });
});
