import { config } from "@/server/config";
import { getDb } from "@/server/db";
import { RETRY_AFTER_S, unlessDbDown } from "@/server/http/unavailable";
import { requestOrigin, trustedProxyList } from "@/server/net/client-ip";
import { legacyCode } from "./legacy-link";
import { recordClickOrLanding, UTM_KEYS } from "./record-click";

export const CLICK_COOKIE = "tp_click";
export const VISITOR_COOKIE = "tp_vid";
// Browsers cap cookie lifetimes at 400 days.
const VISITOR_MAX_AGE = 400 * 86_400;

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return null;
}

function cookie(name: string, value: string, maxAge: number, secure: boolean): string {
  return [`${name}=${value}`, "Path=/", `Max-Age=${maxAge}`, "HttpOnly", "SameSite=Lax", ...(secure ? ["Secure"] : [])].join("; ");
}

let trusted: ReturnType<typeof trustedProxyList> | undefined;

const NOT_FOUND_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Link not found</title><meta name="robots" content="noindex"></head><body style="font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;background:#f8fafc;color:#0f172a"><main style="text-align:center;padding:2rem"><h1 style="font-size:1.5rem;margin:0 0 .5rem">This link is not active</h1><p style="color:#475569;margin:0">The tracking link you followed does not exist or has been paused.</p></main></body></html>`;

const UNAVAILABLE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Try again in a moment</title><meta name="robots" content="noindex"></head><body style="font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;background:#f8fafc;color:#0f172a"><main style="text-align:center;padding:2rem"><h1 style="font-size:1.5rem;margin:0 0 .5rem">Try again in a moment</h1><p style="color:#475569;margin:0">This link cannot be followed right now. Please reload the page in a few seconds.</p></main></body></html>`;

/**
 * GET /r/<code>: store the click, set the click cookie, 302 to the offer's landing page. In a database
 * outage a link still in the lookup cache redirects without a click id (recordClickOrLanding); any other answers 503.
 */
export async function handleClick(request: Request, code: string): Promise<Response> {
  return unlessDbDown(
    () => redirect(request, code),
    () => new Response(UNAVAILABLE_HTML, { status: 503, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "retry-after": String(RETRY_AFTER_S) } }),
  );
}

/** GET /r/legacy/<old path>?<old query>: another platform's link, answered as /r/<the partner's old code>. */
export async function handleLegacyClick(request: Request): Promise<Response> {
  const code = legacyCode(new URL(request.url));
  if (!code) return new Response(NOT_FOUND_HTML, { status: 404, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
  return handleClick(request, code);
}

async function redirect(request: Request, code: string): Promise<Response> {
  trusted ??= trustedProxyList(config().trustedProxies);
  const url = new URL(request.url);
  const q = url.searchParams;
  const origin = requestOrigin(request.headers, trusted);
  const db = await getDb();
  const click = (token: string) => recordClickOrLanding(db, {
    code: token,
    ip: origin.ip,
    userAgent: request.headers.get("user-agent"),
    referrer: request.headers.get("referer"),
    subs: [q.get("sub1"), q.get("sub2"), q.get("sub3"), q.get("sub4"), q.get("sub5")],
    utm: Object.fromEntries(UTM_KEYS.map((k) => [k, q.get(k)])),
    visitorId: readCookie(request.headers.get("cookie"), VISITOR_COOKIE),
    deepLink: q.get("url"),
  });
  let result = await click(code);
  // imported codes are stored lower-case; links printed on partners' sites may not be
  if (!result.found && code !== code.toLowerCase()) result = await click(code.toLowerCase());
  if (!result.found) {
    return new Response(NOT_FOUND_HTML, { status: 404, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
  }
  return new Response(null, {
    status: 302,
    headers: [
      ["location", result.location],
      // Not stored (database outage): no click id is handed out, and an older click cookie stays as it was.
      ...(result.clickId ? [["set-cookie", cookie(CLICK_COOKIE, result.clickId, result.cookieMaxAgeSeconds, origin.https)] as [string, string]] : []),
      ["set-cookie", cookie(VISITOR_COOKIE, result.visitorId, VISITOR_MAX_AGE, origin.https)],
      ["cache-control", "no-store"],
      ["referrer-policy", "no-referrer-when-downgrade"],
    ],
  });
}
