/**
 * Tracking links printed by other platforms, forwarded here by the old domain (README: "Moving from another
 * platform"): /r/legacy/<old path>?<old query>. The partner's old code is read from the query parameter each
 * platform uses, else from the path (/go/<code>, /ref/<code>, or the last segment), and then answers like
 * /r/<code>: imported codes are aliases of the partners' links.
 */

/** Query parameters, in the order they are tried, and how each carries the code. */
const PARAMS: [name: string, decode?: (v: string) => string | null][] = [
  ["ref"], // Tapfiliate, many shops
  ["via"], // Rewardful
  ["fpr"], // FirstPromoter
  ["a_aid"], // Post Affiliate Pro
  ["gspk", fromBase64], // PartnerStack: the partner key, base64-encoded
  ["ps_partner_key"], // PartnerStack
  ["btag", fromBtag], // MyAffiliates: a_<affiliate id>b_<banner>c_...
  ["afp"], // Cellxpert
  ["affid"], // Everflow and many networks
  ["aff_id"],
  ["aff"],
];

/** Path segments after which the next one is the code. */
const PATH_MARKERS = new Set(["go", "ref", "r", "a", "aff"]);

function fromBase64(v: string): string | null {
  try {
    const s = Buffer.from(v.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
    return /^[\x21-\x7e]+$/.test(s) ? s : null;
  } catch {
    return null;
  }
}

function fromBtag(v: string): string | null {
  return /^a_([^_]+?)(?:b_|$)/.exec(v)?.[1] ?? null;
}

/** The old code a forwarded URL carries (lower-cased, as imported codes are stored), or null. */
export function legacyCode(url: URL, prefix = "/r/legacy"): string | null {
  for (const [name, decode] of PARAMS) {
    const raw = url.searchParams.get(name);
    if (!raw) continue;
    const code = decode ? decode(raw) : raw;
    if (code) return clean(code);
  }
  const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
  const segments = path.split("/").filter(Boolean).map((s) => decodeURIComponent(s));
  for (let i = 0; i < segments.length - 1; i++) if (PATH_MARKERS.has(segments[i]!.toLowerCase())) return clean(segments[i + 1]!);
  return segments.length ? clean(segments[segments.length - 1]!) : null;
}

function clean(code: string): string | null {
  const c = code.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9._-]{0,63}$/.test(c) ? c : null;
}
