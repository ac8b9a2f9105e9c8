/**
 * CSRF defence for browser-session endpoints, beyond the SameSite=Lax session cookie: a state-changing
 * request must say it comes from our own pages, and must be JSON (an HTML form can send neither a JSON
 * content type nor a custom Origin, so a cross-site form post fails both checks).
 *
 * Browsers send `Sec-Fetch-Site` on every request and `Origin` on every POST. A request with neither is not
 * from a browser page; it is refused too, because a mutation here is only ever made by our own client.
 */

export type Refusal = { status: 403 | 415; error: string; message: string };

/** `host[:port]` values this app is reached at: the Host header of the request and APP_URL's host. */
function ownHosts(headers: Headers, appUrl: string): Set<string> {
  const hosts = new Set<string>();
  const host = headers.get("host");
  if (host) hosts.add(host.toLowerCase());
  try {
    hosts.add(new URL(appUrl).host.toLowerCase());
  } catch {
    // A malformed APP_URL is refused at start-up (server/config.ts); nothing to add here.
  }
  return hosts;
}

/** Why a state-changing request is refused as cross-site, or null when it is our own page's. */
export function crossSiteRefusal(headers: Headers, appUrl: string): Refusal | null {
  const site = headers.get("sec-fetch-site");
  const origin = headers.get("origin");
  if (site !== null && site !== "same-origin") {
    return { status: 403, error: "cross_site_request", message: `Refused a ${site} request: changes can only be made from this app's pages.` };
  }
  if (origin !== null) {
    let host: string | null = null;
    try {
      host = origin === "null" ? null : new URL(origin).host.toLowerCase();
    } catch {
      host = null;
    }
    if (!host || !ownHosts(headers, appUrl).has(host)) {
      return { status: 403, error: "cross_site_request", message: "Refused a request from another origin: changes can only be made from this app's pages." };
    }
    return null;
  }
  if (site === null) {
    return { status: 403, error: "cross_site_request", message: "Refused a request without Origin or Sec-Fetch-Site: changes can only be made from this app's pages." };
  }
  return null;
}

/** JSON only: a multipart, url-encoded or text/plain body is what a cross-site form can send. */
export function nonJsonRefusal(headers: Headers): Refusal | null {
  const type = (headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") return null;
  return { status: 415, error: "unsupported_media_type", message: "Send the body as application/json." };
}

export function refusalResponse(r: Refusal): Response {
  return Response.json({ error: { code: r.error, message: r.message } }, { status: r.status, headers: { "cache-control": "no-store" } });
}
