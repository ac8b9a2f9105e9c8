import { BlockList } from "node:net";
import { ipVersion, parseCidr, unmapIp, type CidrSet } from "@/server/net/cidr-parse";

export { isCidr, parseCidr, unmapIp, type Cidr, type CidrSet } from "@/server/net/cidr-parse";

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
      const version = ipVersion(address);
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
