import { BlockList, isIP, isIPv4 } from "node:net";

/**
 * Which IP addresses an outbound request to a partner-configured URL may reach.
 *
 * Partners are untrusted: without this check a postback URL such as http://169.254.169.254/ or
 * http://10.0.0.5:5432/ would make our server talk to its own cloud metadata service or private network
 * (server-side request forgery). Everything that is not ordinary public unicast space is refused.
 */

/** One resolved address, in the shape `dns.lookup(host, { all: true })` returns. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Turns a host name into addresses; replaces DNS so tests can map `evil.test` to 127.0.0.1. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface IpPolicy {
  /**
   * CIDRs (e.g. "127.0.0.1/32") let through even though they fall in a blocked range. Meant for tests
   * and deliberate private deployments; it never re-allows the host names localhost / *.localhost.
   */
  readonly allowPrivate?: readonly string[];
  /** Replaces `dns.lookup`. Whatever it returns is checked exactly like real DNS answers. */
  readonly resolve?: Resolver;
}

/** Blocks every range below and allows nothing extra. */
export const DEFAULT_POLICY: IpPolicy = Object.freeze({ allowPrivate: Object.freeze([]) });

/** IANA special-purpose and non-public IPv4 space (RFC 6890 and friends). */
const BLOCKED_V4: readonly [string, number][] = [
  ["0.0.0.0", 8], // "this network"; connecting to 0.0.0.0 reaches the local host on Linux
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, includes the cloud metadata service 169.254.169.254
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // TEST-NET-1
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // TEST-NET-2
  ["203.0.113.0", 24], // TEST-NET-3
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, includes the broadcast address 255.255.255.255
];

/** Non-public IPv6 space. IPv4-mapped (::ffff:0:0/96) is not listed: its embedded IPv4 is checked instead. */
const BLOCKED_V6: readonly [string, number][] = [
  ["::", 96], // covers ::/128 (unspecified) and ::1/128 (loopback); the rest is deprecated IPv4-compatible space
  ["64:ff9b::", 96], // NAT64: would be translated to an arbitrary, possibly private, IPv4 address
  ["64:ff9b:1::", 48], // local-use NAT64 (RFC 8215), same reason
  ["100::", 64], // discard-only
  ["2001::", 23], // IETF protocol assignments, includes Teredo 2001::/32
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local (the IPv6 "private" range)
  ["fe80::", 10], // link-local
  ["fec0::", 10], // deprecated site-local, may still route internally on old networks
  ["ff00::", 8], // multicast
];

function blockList(v4: readonly [string, number][], v6: readonly [string, number][]): BlockList {
  const list = new BlockList();
  for (const [net, bits] of v4) list.addSubnet(net, bits, "ipv4");
  for (const [net, bits] of v6) list.addSubnet(net, bits, "ipv6");
  return list;
}

const BLOCKED = blockList(BLOCKED_V4, BLOCKED_V6);

/** Expands a valid IPv6 address (as accepted by net.isIPv6, without a zone) to its eight 16-bit groups. */
function ipv6Groups(ip: string): number[] {
  let text = ip;
  // A trailing dotted quad ("::ffff:1.2.3.4") is two groups written in IPv4 notation.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, dotted.index) + ((a << 8) | b).toString(16) + ":" + ((c << 8) | d).toString(16);
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

const v4FromGroups = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;

const isMapped = (g: number[]) => g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;

/**
 * IPv6 forms that really lead to an IPv4 address. IPv4-mapped ::ffff:a.b.c.d is handed to the IPv4 stack
 * by the kernel, so it is judged only by its IPv4 part (::ffff:127.0.0.1 is loopback, not "some IPv6
 * address"). 6to4 2002:AABB:CCDD::/48 is tunnelled to AA.BB.CC.DD, so that part must pass as well.
 */
function embeddedIPv4(groups: number[]): { v4: string; only: boolean } | null {
  const [g0, g1 = 0, g2 = 0, , , , g6 = 0, g7 = 0] = groups;
  if (isMapped(groups)) return { v4: v4FromGroups(g6, g7), only: true };
  if (g0 === 0x2002) return { v4: v4FromGroups(g1, g2), only: false };
  return null;
}

/** Parses the allowPrivate CIDRs. A malformed entry is a programming error, so it throws. */
function allowList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net = "", bits] = cidr.split("/");
    const family = isIP(net);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new TypeError(`IpPolicy.allowPrivate: invalid CIDR ${JSON.stringify(cidr)}`);
    }
    list.addSubnet(net, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return list;
}

/** A policy prepared for repeated checks (the allow list is parsed once). */
export interface CompiledPolicy {
  isBlocked(ip: string): boolean;
  readonly resolve: Resolver | undefined;
}

export function compilePolicy(policy: IpPolicy = DEFAULT_POLICY): CompiledPolicy {
  const allowed = allowList(policy.allowPrivate ?? []);
  const check = (ip: string): boolean => {
    if (isIPv4(ip)) return BLOCKED.check(ip, "ipv4") && !allowed.check(ip, "ipv4");
    const embedded = embeddedIPv4(ipv6Groups(ip));
    if (embedded?.only) return check(embedded.v4);
    if (embedded && check(embedded.v4)) return true;
    return BLOCKED.check(ip, "ipv6") && !allowed.check(ip, "ipv6");
  };
  return {
    resolve: policy.resolve,
    // Anything that is not a plain IP literal (garbage, or an IPv6 zone like "fe80::1%eth0") fails closed.
    isBlocked: (ip) => ip.includes("%") || isIP(ip) === 0 || check(ip),
  };
}

/** True if `ip` must not be contacted under `policy` (default: everything non-public is blocked). */
export function isBlockedAddress(ip: string, policy: IpPolicy = DEFAULT_POLICY): boolean {
  return compilePolicy(policy).isBlocked(ip);
}

/**
 * localhost and *.localhost are refused by name (RFC 6761 reserves them for loopback) before any DNS.
 * The address check would catch them anyway; the name check also holds when a test policy allows 127/8.
 */
export function isForbiddenHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost");
}
