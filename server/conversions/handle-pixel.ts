import { getDb } from "@/server/db";
import { dispatchOutbox } from "@/server/jobs/outbox";
import { CLICK_COOKIE, readCookie } from "@/server/tracking/handle-click";
import { recordPixel } from "./record-pixel";

// The smallest transparent GIF.
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/**
 * GET /api/pixel: always answers the 1x1 image (a pixel must never break the operator's page); the
 * outcome is in the X-Touchpoint-Result header, or as JSON with ?debug=1 while integrating.
 */
export async function handlePixel(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const db = await getDb();
  const result = await recordPixel(db, Object.fromEntries(url.searchParams), readCookie(request.headers.get("cookie"), CLICK_COOKIE));
  if (result.ok && result.status === "accepted") dispatchOutbox(db, result.outboxId);
  const summary = result.ok ? `${result.status} ${result.conversionId}` : `error ${result.error}: ${result.message}`;
  const headers = { "cache-control": "no-store", "x-touchpoint-result": summary.slice(0, 200) };
  if (url.searchParams.get("debug") === "1") {
    const body = result.ok ? { status: result.status, conversion_id: result.conversionId } : { status: "error", error: result.error, message: result.message };
    return Response.json(body, { status: result.ok ? 200 : result.httpStatus, headers });
  }
  return new Response(GIF, { status: 200, headers: { ...headers, "content-type": "image/gif", "content-length": String(GIF.length) } });
}

/** GET /api/pixel.js: remembers the click id from the landing URL and reports conversions from the page. */
export function pixelScript(request: Request): Response {
  const url = new URL(request.url);
  // The landing page's parameter that carries {click_id} (offers choose their own name).
  const param = /^[A-Za-z0-9_]{1,32}$/.test(url.searchParams.get("param") ?? "") ? (url.searchParams.get("param") as string) : "clickid";
  const origin = url.origin;
  const js = `(function(){var P=${JSON.stringify(param)},C="tp_click_id",D=400*864e5;
var q=new URLSearchParams(location.search),id=q.get(P);
if(id&&/^clk_[0-9a-z]{26}$/.test(id)){document.cookie=C+"="+id+";path=/;max-age="+D/1e3+";samesite=lax"+(location.protocol==="https:"?";secure":"");}
function get(){var m=document.cookie.match(new RegExp("(?:^|; )"+C+"=([^;]*)"));return m?m[1]:"";}
window.touchpoint={conversion:function(p){var s=new URLSearchParams(p||{});var c=get();if(c&&!s.has("click_id"))s.set("click_id",c);new Image(1,1).src=${JSON.stringify(origin)}+"/api/pixel?"+s.toString();}};})();`;
  return new Response(js, { headers: { "content-type": "application/javascript; charset=utf-8", "cache-control": "public, max-age=3600" } });
}
