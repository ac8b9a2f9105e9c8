/**
 * Deep links: a tracking link may send the visitor to `?url=` instead of the offer's landing page, but only
 * to a host the operator registered on the offer. Everything else falls back to the landing page, so a
 * tracking link can never be used as an open redirect.
 */

// Raw-string checks before parsing: browsers and URL parsers disagree on these, attackers rely on that.
const SUSPICIOUS = /[\\\u0000-\u001f\u007f\s]|%(?:2f|5c|0d|0a|00|09)/i;

function hostAllowed(host: string, allowed: string[]): boolean {
  return allowed.some((entry) => {
    const e = entry.trim().toLowerCase();
    if (e.startsWith("*.")) return host.endsWith(e.slice(1)) && host.length > e.length - 1;
    return host === e;
  });
}

/** The deep link as a URL when it is safe and allowlisted, otherwise null. */
export function resolveDeepLink(raw: string | null, allowedHosts: string[]): URL | null {
  if (!raw || allowedHosts.length === 0 || raw.length > 2048 || SUSPICIOUS.test(raw)) return null;
  if (!/^https?:\/\/[^/]/i.test(raw)) return null; // absolute http(s) only: no //evil, javascript:, data:
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password) return null;
  return hostAllowed(url.hostname.toLowerCase(), allowedHosts) ? url : null;
}

/**
 * The deep link carrying the offer's tracking parameters: the query of the (already filled) landing URL
 * is added to the deep link, so the operator's site receives the click id wherever the visitor lands.
 */
export function withTrackingParams(deepLink: URL, filledLanding: string): string {
  const out = new URL(deepLink.href);
  for (const [k, v] of new URL(filledLanding).searchParams) out.searchParams.set(k, v);
  return out.href;
}
