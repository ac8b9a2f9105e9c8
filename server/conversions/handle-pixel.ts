import { eq } from "drizzle-orm";
import { offerPixels } from "@/db/schema";
import { config } from "@/server/config";
import { getDb } from "@/server/db";
import { dispatchOutbox } from "@/server/outbox/dispatch";
import { requestOrigin, trustedProxyList } from "@/server/net/client-ip";
import { CLICK_COOKIE, readCookie, VISITOR_COOKIE } from "@/server/tracking/handle-click";
import { errorBody } from "./handle-postback";
import { recordPixel } from "./record-pixel";

let trusted: ReturnType<typeof trustedProxyList> | undefined;

/** The page that made the request: its Origin, else the origin of its Referer (an image request sends no Origin). */
function pageOrigin(headers: Headers): string | null {
  const origin = headers.get("origin");
  if (origin && origin !== "null") return origin;
  const referer = headers.get("referer");
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

// The smallest transparent GIF.
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/**
 * GET /api/pixel: always answers the 1x1 image (a pixel must never break the operator's page); the
 * outcome is in the X-Touchpoint-Result header, or as JSON with ?debug=1 while integrating.
 */
export async function handlePixel(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const db = await getDb();
  trusted ??= trustedProxyList(config().trustedProxies);
  const cookies = request.headers.get("cookie");
  const result = await recordPixel(db, Object.fromEntries(url.searchParams), {
    cookieClickId: readCookie(cookies, CLICK_COOKIE),
    key: url.searchParams.get("key"),
    pageOrigin: pageOrigin(request.headers),
    ip: requestOrigin(request.headers, trusted).ip,
    visitorId: readCookie(cookies, VISITOR_COOKIE),
  });
  if (result.ok && result.status === "accepted") dispatchOutbox(db, result.outboxId);
  const summary = result.ok ? `${result.status} ${result.conversionId}` : `error ${result.error}: ${result.message}`;
  const headers = { "cache-control": "no-store", "x-touchpoint-result": summary.slice(0, 200) };
  if (url.searchParams.get("debug") === "1") {
    const body = result.ok ? { status: result.status, conversion_id: result.conversionId } : errorBody(result);
    return Response.json(body, { status: result.ok ? 200 : result.httpStatus, headers });
  }
  return new Response(GIF, { status: 200, headers: { ...headers, "content-type": "image/gif", "content-length": String(GIF.length) } });
}

/**
 * GET /api/pixel.js?key=<offer's pixel key>: remembers the click id from the landing URL and reports
 * conversions from the page with the key. A 404 unless the key belongs to an enabled pixel.
 */
export async function pixelScript(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const key = url.searchParams.get("key") ?? "";
  const db = await getDb();
  const [pixel] = /^pxk_[A-Za-z0-9_-]{1,64}$/.test(key) ? await db.select({ enabled: offerPixels.enabled }).from(offerPixels).where(eq(offerPixels.key, key)) : [];
  if (!pixel?.enabled) {
    return new Response("/* Touchpoint: no enabled pixel has this key (Admin > Settings > Browser pixel) */\n", {
      status: 404,
      headers: { "content-type": "application/javascript; charset=utf-8", "cache-control": "no-store" },
    });
  }
  // The landing page's parameter that carries {click_id} (offers choose their own name).
  const param = /^[A-Za-z0-9_]{1,32}$/.test(url.searchParams.get("param") ?? "") ? (url.searchParams.get("param") as string) : "clickid";
  const origin = url.origin;
  const js = `(function(){var P=${JSON.stringify(param)},C="tp_click_id",D=400*864e5;
var q=new URLSearchParams(location.search),id=q.get(P);
if(id&&/^clk_[0-9a-z]{26}$/.test(id)){document.cookie=C+"="+id+";path=/;max-age="+D/1e3+";samesite=lax"+(location.protocol==="https:"?";secure":"");}
function get(){var m=document.cookie.match(new RegExp("(?:^|; )"+C+"=([^;]*)"));return m?m[1]:"";}
window.touchpoint={conversion:function(p){var s=new URLSearchParams(p||{});var c=get();if(c&&!s.has("click_id"))s.set("click_id",c);s.set("key",${JSON.stringify(key)});new Image(1,1).src=${JSON.stringify(origin)}+"/api/pixel?"+s.toString();}};})();`;
  return new Response(js, { headers: { "content-type": "application/javascript; charset=utf-8", "cache-control": "public, max-age=300" } });
}
