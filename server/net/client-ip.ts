import { BlockList, isIP } from "node:net";
import { ipVersion } from "./cidr-parse";
import { PEER_HEADER, PROTO_HEADER } from "@/server/http/peer";

/** Addresses and CIDR ranges (already validated) as a node:net BlockList, IPv4 and IPv6 alike. */
export function addressList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [addr = "", bits] = entry.split("/");
    const type = isIP(addr) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return list;
}

/** The reverse proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES). */
export const trustedProxyList = addressList;

function normalise(ip: string | null | undefined): string | null {
  const v = (ip ?? "").trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
  // ipVersion refuses zone ids (fe80::1%eth0): PostgreSQL's inet cannot store them
  return ipVersion(v) ? v : null;
}

const isTrusted = (ip: string, trusted: BlockList) => trusted.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");

/**
 * The visitor's IP. The socket peer is a fact; X-Forwarded-For is anyone's claim, so it is read only when
 * the peer is a proxy the operator declared trusted, and then right to left, stopping at the first hop
 * that is not itself a trusted proxy.
 */
export function clientIp(peer: string | null, forwardedFor: string | null, trusted: BlockList): string | null {
  const socket = normalise(peer);
  if (!socket || !isTrusted(socket, trusted) || !forwardedFor) return socket;
  const hops = forwardedFor.split(",");
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalise(hops[i]);
    if (!hop) return socket;
    if (!isTrusted(hop, trusted) || i === 0) return hop;
  }
  return socket;
}

/** Client IP and scheme of a request that came through server/http/serve.ts. */
export function requestOrigin(headers: Headers, trusted: BlockList): { ip: string | null; https: boolean } {
  const peer = headers.get(PEER_HEADER);
  const ip = clientIp(peer, headers.get("x-forwarded-for"), trusted);
  const viaProxy = Boolean(peer && normalise(peer) && isTrusted(normalise(peer) as string, trusted));
  const proto = viaProxy ? (headers.get("x-forwarded-proto") ?? headers.get(PROTO_HEADER)) : headers.get(PROTO_HEADER);
  return { ip, https: proto === "https" };
}
