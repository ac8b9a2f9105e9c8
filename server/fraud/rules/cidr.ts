import { BlockList, isIP } from "node:net";

export type Cidr = { address: string; prefix: number; family: "ipv4" | "ipv6" };

/** A compiled range list. `invalid` keeps the entries that were skipped, so a bad feed line is visible, not fatal. */
export type CidrSet = { contains: (ip: string) => boolean; size: number; invalid: string[] };

const MAPPED_DOTTED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;
const MAPPED_HEX = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i;

/**
 * Plain IPv4 for an IPv4-mapped IPv6 address (::ffff:1.2.3.4 or ::ffff:102:304), the address unchanged otherwise.
 * A dual-stack socket reports IPv4 clients in mapped form, and the same client must match the same ranges.
 */
export function unmapIp(ip: string): string {
  const dotted = MAPPED_DOTTED.exec(ip);
  if (dotted?.[1] && isIP(dotted[1]) === 4) return dotted[1];
  const hex = MAPPED_HEX.exec(ip);
  if (hex?.[1] && hex[2]) {
    const hi = parseInt(hex[1], 16);
    const lo = parseInt(hex[2], 16);
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
  }
  return ip;
}

/** "10.0.0.0/8", "2001:db8::/32", or a bare address (a /32 or /128). Null when malformed; no zone ids. */
export function parseCidr(text: string): Cidr | null {
  const [rawAddress, rawPrefix, extra] = text.trim().split("/");
  if (rawAddress === undefined || extra !== undefined) return null;
  const version = isIP(rawAddress);
  if (version === 0) return null;
  const family = version === 4 ? "ipv4" : "ipv6";
  const max = version === 4 ? 32 : 128;
  if (rawPrefix === undefined) return { address: rawAddress, prefix: max, family };
  if (!/^\d{1,3}$/.test(rawPrefix)) return null;
  const prefix = Number(rawPrefix);
  if (prefix > max) return null;
  // ::ffff:1.2.3.0/120 is the IPv4 range 1.2.3.0/24: store it as such so both spellings of a client match.
  const unmapped = unmapIp(rawAddress);
  if (version === 6 && unmapped !== rawAddress && prefix >= 96) return { address: unmapped, prefix: prefix - 96, family: "ipv4" };
  return { address: rawAddress, prefix, family };
}

export const isCidr = (text: string): boolean => parseCidr(text) !== null;

/** Matches IPv4 and IPv6 addresses against ranges with node:net's BlockList (in-memory, no I/O). */
export function compileCidrs(ranges: readonly string[]): CidrSet {
  const list = new BlockList();
  const invalid: string[] = [];
  let size = 0;
  for (const range of ranges) {
    const cidr = parseCidr(range);
    if (!cidr) {
      invalid.push(range);
      continue;
    }
    list.addSubnet(cidr.address, cidr.prefix, cidr.family);
    size += 1;
  }
  return {
    size,
    invalid,
    contains(ip: string) {
      const address = unmapIp(ip.trim());
      const version = isIP(address);
      if (version === 0 || size === 0) return false;
      return list.check(address, version === 4 ? "ipv4" : "ipv6");
    },
  };
}

const cache = new WeakMap<readonly string[], CidrSet>();

/** Config lists are parsed once and then shared, so compiling per array identity avoids rebuilding per conversion. */
export function cachedCidrs(ranges: readonly string[]): CidrSet {
  const hit = cache.get(ranges);
  if (hit) return hit;
  const set = compileCidrs(ranges);
  cache.set(ranges, set);
  return set;
}
