import fs from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { unmapIp, type CidrSet } from "./rules/cidr";
import { isHostingAs } from "./hosting-asns";

/**
 * IP -> autonomous system, from the RouteViews/NRO/DB-IP feed shipped in the @ip-location-db/asn npm package
 * (CC BY 4.0; no download at run time). The CSV (~30 MB) is read once, on first use, into sorted typed
 * arrays (~10 MB) searched by bisection. IPv6 ranges are kept at /64 granularity: routed IPv6 prefixes are
 * /48 or shorter, so nothing real is lost.
 */
const DIR = path.join(process.cwd(), "node_modules", "@ip-location-db", "asn");

export type AsnInfo = { asn: number; organisation: string; hosting: boolean };

type Table<T> = { starts: T; ends: T; asns: Uint32Array; size: number };
type Loaded = { v4: Table<Uint32Array>; v6: Table<BigUint64Array>; orgs: Map<number, string>; hosting: Set<number> };

/**
 * One table per process, on globalThis: the production build bundles this module into more than one chunk
 * (route handlers, the job runner), and each chunk's own copy would read the feed again (seen: two loads,
 * +300 MB resident).
 */
const shared = globalThis as typeof globalThis & { __touchpointAsn?: Loaded | null };

/** `1,2,3,"Name, Inc."` -> the three numbers and the organisation, with CSV quoting undone. */
function splitLine(line: string): [string, string, string, string] | null {
  const a = line.indexOf(",");
  const b = line.indexOf(",", a + 1);
  const c = line.indexOf(",", b + 1);
  if (a < 0 || b < 0 || c < 0) return null;
  let org = line.slice(c + 1).trim();
  if (org.startsWith('"') && org.endsWith('"')) org = org.slice(1, -1).replaceAll('""', '"');
  return [line.slice(0, a), line.slice(a + 1, b), line.slice(b + 1, c), org];
}

/**
 * Reads one feed file into typed arrays. Lines are decoded one at a time from the file's bytes, so no string
 * of the whole file is kept alive by the organisation names sliced from it, and the rows go straight into typed
 * arrays: the load peaks far lower than splitting the text and building an object per row.
 */
function readTable<T extends Uint32Array | BigUint64Array>(file: string, make: (n: number) => T, parse: (text: string) => number | bigint, orgs: Map<number, string>): Table<T> {
  const bytes = fs.readFileSync(path.join(DIR, file));
  let lines = 1;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) lines++;
  let starts = make(lines);
  let ends = make(lines);
  let asns = new Uint32Array(lines);
  let size = 0;
  let sorted = true;
  for (let from = 0; from < bytes.length; ) {
    const nl = bytes.indexOf(10, from);
    const to = nl < 0 ? bytes.length : nl;
    const parts = splitLine(bytes.toString("utf8", from, to));
    from = to + 1;
    if (!parts) continue;
    const asn = Number(parts[2]);
    if (!Number.isInteger(asn)) continue;
    const start = parse(parts[0]);
    if (size > 0 && start < starts[size - 1]!) sorted = false;
    starts[size] = start as never;
    ends[size] = parse(parts[1]) as never;
    asns[size] = asn;
    size++;
    if (!orgs.has(asn)) orgs.set(asn, parts[3]);
  }
  // The feed is sorted, but one stray line must not break the bisection.
  if (!sorted) {
    const order = Array.from({ length: size }, (_, i) => i).sort((x, y) => (starts[x]! < starts[y]! ? -1 : starts[x]! > starts[y]! ? 1 : 0));
    const [s2, e2, a2] = [make(size), make(size), new Uint32Array(size)];
    order.forEach((from, i) => {
      s2[i] = starts[from]!;
      e2[i] = ends[from]!;
      a2[i] = asns[from]!;
    });
    [starts, ends, asns] = [s2, e2, a2];
  }
  return { starts, ends, asns, size };
}

const TOP_64 = BigInt(64);
const high64 = (text: string) => BigInt(text) >> TOP_64;

function load(): Loaded | null {
  try {
    const started = Date.now();
    const orgs = new Map<number, string>();
    const v4 = readTable("asn-ipv4-num.csv", (n) => new Uint32Array(n), Number, orgs);
    const v6 = readTable("asn-ipv6-num.csv", (n) => new BigUint64Array(n), high64, orgs);
    const hosting = new Set<number>();
    for (const [asn, org] of orgs) if (isHostingAs(asn, org)) hosting.add(asn);
    if (process.env.NODE_ENV !== "test") console.log(`[fraud] ASN table: ${v4.size + v6.size} ranges, ${hosting.size} hosting networks, ${Date.now() - started} ms`);
    return { v4, v6, orgs, hosting };
  } catch (err) {
    console.error(`[fraud] ASN feed unavailable (${DIR}): the datacenter check stays silent`, err instanceof Error ? err.message : err);
    return null;
  }
}

function table(): Loaded | null {
  if (shared.__touchpointAsn === undefined) shared.__touchpointAsn = load();
  return shared.__touchpointAsn;
}

/** Reads the feed now (at boot) rather than inside the first fraud check, so that check is not the slow one. */
export function warmAsnTable(): void {
  table();
}

/** Index of the last range starting at or below `key`, if it also ends at or above it. */
function find<T extends Uint32Array | BigUint64Array>(t: Table<T>, key: T[number]): number {
  let lo = 0;
  let hi = t.size - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (t.starts[mid]! <= key) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at >= 0 && t.ends[at]! >= key ? at : -1;
}

function ipv4Number(ip: string): number {
  return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

/** The first 64 bits of an IPv6 address (the routing prefix). */
export function ipv6High64(ip: string): bigint {
  const [head = "", tail] = ip.toLowerCase().split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  // An embedded IPv4 tail (::ffff:1.2.3.4) takes two groups; it never reaches the first 64 bits anyway.
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes(".") ? 2 : 1), 0);
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - width(left) - width(right)).fill("0"), ...right];
  return groups.slice(0, 4).reduce((n, g) => (n << BigInt(16)) | BigInt(parseInt(g || "0", 16)), BigInt(0));
}

/** The AS an address belongs to, with its organisation and whether it is a hosting network; null if unknown. */
export function asnOf(rawIp: string | null): AsnInfo | null {
  if (!rawIp) return null;
  const ip = unmapIp(rawIp.trim());
  const version = isIP(ip);
  const t = version === 0 ? null : table();
  if (!t) return null;
  const [tbl, at] = version === 4 ? [t.v4, find(t.v4, ipv4Number(ip))] : [t.v6, find(t.v6, ipv6High64(ip))];
  if (at < 0) return null;
  const asn = tbl.asns[at]!;
  return { asn, organisation: t.orgs.get(asn) ?? "", hosting: t.hosting.has(asn) };
}

/** The engine's view of the feed: "is this address in a hosting network". Loads the table on first use. */
export const datacenterRanges: CidrSet = {
  contains: (ip) => asnOf(ip)?.hosting ?? false,
  get size() {
    const t = table();
    return t ? t.v4.size + t.v6.size : 0;
  },
  invalid: [],
};
