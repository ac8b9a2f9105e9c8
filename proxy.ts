import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig } from "@/server/config";
import { COMMON_HEADERS, HSTS, pageCsp, REFERRER_POLICY } from "@/server/http/security-headers";
import { requestOrigin, trustedProxyList } from "@/server/net/client-ip";

let trusted: ReturnType<typeof trustedProxyList> | undefined;

/**
 * Pages only (see `config.matcher`): a fresh CSP nonce per request, on the request (Next.js reads it there to
 * sign its own inline scripts) and on the response. Authorization does not live here: layouts and procedures
 * check it themselves.
 */
export function proxy(request: NextRequest) {
  trusted ??= trustedProxyList(appConfig().trustedProxies);
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const https = requestOrigin(request.headers, trusted).https;
  const csp = pageCsp(nonce, { dev: process.env.NODE_ENV === "development", https });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Referrer-Policy", REFERRER_POLICY);
  for (const [k, v] of Object.entries(COMMON_HEADERS)) response.headers.set(k, v);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  // Not route handlers (/api, /r: next.config.ts gives them fixed headers, and a proxy would make Next.js
  // buffer their bodies) nor static files.
  matcher: ["/((?!api/|api$|r/|_next/static|_next/image|favicon.ico).*)"],
};
