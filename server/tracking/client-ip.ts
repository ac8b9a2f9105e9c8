import { BlockList, isIP } from "node:net";

export function trustedProxyList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [addr = "", bits] = entry.split("/");
    const type = isIP(addr) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return list;
}

function normalise(ip: string): string | null {
  const v = ip.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
  return isIP(v) ? v : null;
}

/**
 * The visitor's IP. `next start` appends the socket peer to X-Forwarded-For, so the right-most entry is
 * the address that connected to us. We walk left only past proxies the operator declared trusted; a
 * client can write anything into the header, so untrusted entries further left are never believed.
 */
export function clientIp(forwardedFor: string | null, trusted: BlockList): string | null {
  if (!forwardedFor) return null;
  const hops = forwardedFor.split(",").map(normalise);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (!hop) return null;
    const trustedHop = trusted.check(hop, isIP(hop) === 6 ? "ipv6" : "ipv4");
    if (!trustedHop || i === 0) return hop;
  }
  return null;
}
