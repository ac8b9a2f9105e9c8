import { config } from "@/server/config";
import { getDb } from "@/server/db";
import { requestOrigin, trustedProxyList } from "@/server/net/client-ip";
import { API_BASE, handleApi } from "./handle-api";
import { openApiDocument } from "./openapi";

let trusted: ReturnType<typeof trustedProxyList> | undefined;

/** /api/v1/*: the OpenAPI document (public, like the reference page), or an authenticated operation. */
export async function serveApi(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === `${API_BASE}/openapi.json` && request.method === "GET") {
    return new Response(JSON.stringify(openApiDocument()), { headers: { "content-type": "application/json", "cache-control": "public, max-age=300", "access-control-allow-origin": "*" } });
  }
  if (pathname === `${API_BASE}/docs`) return Response.redirect(new URL("/docs/api", request.url), 308);
  trusted ??= trustedProxyList(config().trustedProxies);
  return handleApi(await getDb(), request, requestOrigin(request.headers, trusted).ip);
}
