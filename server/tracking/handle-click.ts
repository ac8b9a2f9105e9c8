import { config } from "@/server/config";
import { getDb } from "@/server/db";
import { requestOrigin, trustedProxyList } from "./client-ip";
import { recordClick } from "./record-click";

export const CLICK_COOKIE = "tp_click";

let trusted: ReturnType<typeof trustedProxyList> | undefined;

const NOT_FOUND_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Link not found</title><meta name="robots" content="noindex"></head><body style="font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;background:#f8fafc;color:#0f172a"><main style="text-align:center;padding:2rem"><h1 style="font-size:1.5rem;margin:0 0 .5rem">This link is not active</h1><p style="color:#475569;margin:0">The tracking link you followed does not exist or has been paused.</p></main></body></html>`;

/** GET /r/<code>: store the click, set the click cookie, 302 to the offer's landing page. */
export async function handleClick(request: Request, code: string): Promise<Response> {
  trusted ??= trustedProxyList(config().trustedProxies);
  const url = new URL(request.url);
  const q = url.searchParams;
  const origin = requestOrigin(request.headers, trusted);
  const result = await recordClick(await getDb(), {
    code,
    ip: origin.ip,
    userAgent: request.headers.get("user-agent"),
    referrer: request.headers.get("referer"),
    subs: [q.get("sub1"), q.get("sub2"), q.get("sub3"), q.get("sub4"), q.get("sub5")],
  });
  if (!result.found) {
    return new Response(NOT_FOUND_HTML, { status: 404, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
  }
  const cookie = [
    `${CLICK_COOKIE}=${result.clickId}`,
    "Path=/",
    `Max-Age=${result.cookieMaxAgeSeconds}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(origin.https ? ["Secure"] : []),
  ].join("; ");
  return new Response(null, {
    status: 302,
    headers: { location: result.location, "set-cookie": cookie, "cache-control": "no-store", "referrer-policy": "no-referrer-when-downgrade" },
  });
}
