/**
 * Address and range parsing without node:net, so the settings form validates block lists in the browser with
 * the very schema the server uses. Versions agree with node's isIP: dotted quads without leading zeros, and
 * IPv6 as the WHATWG URL parser reads it (the same in Node and browsers), without zone ids.
 */
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIPv6(s: string): boolean {
  if (!s.includes(":") || !/^[0-9a-fA-F:.]+$/.test(s)) return false;
  try {
    new URL(`http://[${s}]/`);
    return true;
  } catch {
    return false;
  }
}

/** 4, 6, or 0 for anything that is not an address. */
export function ipVersion(s: string): 0 | 4 | 6 {
  return IPV4.test(s) ? 4 : isIPv6(s) ? 6 : 0;
}

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
  if (dotted?.[1] && ipVersion(dotted[1]) === 4) return dotted[1];
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
  const version = ipVersion(rawAddress);
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
