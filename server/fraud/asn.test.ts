import { describe, expect, it } from "vitest";
import { asnOf, datacenterRanges, ipv6High64 } from "./asn";
import { isHostingAs } from "./hosting-asns";

describe("ASN lookup (@ip-location-db/asn)", () => {
  it("finds the AS and classifies hosting networks, IPv4 and IPv6", () => {
    expect(asnOf("5.101.96.10")).toMatchObject({ asn: 14061, hosting: true });
    expect(asnOf("2.28.1.1")).toMatchObject({ asn: 24940, organisation: "Hetzner Online GmbH", hosting: true });
    expect(asnOf("2001:4f8:2::1")).toMatchObject({ asn: 16509, hosting: true });
    expect(asnOf("::ffff:5.101.96.10")).toMatchObject({ asn: 14061, hosting: true });
    expect(datacenterRanges.contains("5.101.96.10")).toBe(true);
  });

  it("leaves consumer ISPs, CDN relays, documentation ranges and garbage alone", () => {
    expect(asnOf("23.24.1.1")).toMatchObject({ asn: 7922, hosting: false });
    expect(asnOf("2001:558::1")).toMatchObject({ asn: 7922, hosting: false });
    expect(asnOf("1.0.0.1")).toMatchObject({ asn: 13335, hosting: false });
    for (const ip of ["198.51.100.1", "203.0.113.9", "not-an-ip", ""]) expect(datacenterRanges.contains(ip)).toBe(false);
    expect(asnOf(null)).toBeNull();
  });

  it("reads the routing prefix of any IPv6 spelling", () => {
    expect(ipv6High64("2001:db8::1")).toBe(ipv6High64("2001:0db8:0000:0000:0000:0000:0000:0001"));
    expect(ipv6High64("::1")).toBe(BigInt(0));
    expect(ipv6High64("2001:db8:1:2::")).toBe((BigInt(0x2001) << BigInt(48)) | (BigInt(0xdb8) << BigInt(32)) | (BigInt(1) << BigInt(16)) | BigInt(2));
  });

  it("classifies by the well-known list and by hosting words only", () => {
    expect(isHostingAs(16509, "Amazon.com, Inc.")).toBe(true);
    expect(isHostingAs(1, "Acme Cloud Ltd")).toBe(true);
    expect(isHostingAs(1, "Example Data Centre Ltd")).toBe(true);
    expect(isHostingAs(1, "Cloudflare, Inc.")).toBe(false);
    expect(isHostingAs(13335, "Some Cloud")).toBe(false);
    expect(isHostingAs(3320, "Deutsche Telekom AG")).toBe(false);
  });
});
