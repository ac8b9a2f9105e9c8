import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { SessionUser } from "@/server/auth/authenticate";
import { isDbUnavailable } from "@/db/unavailable";
import { config } from "@/server/config";
import { logOutage, RETRY_AFTER_S } from "@/server/http/unavailable";
import { getDb } from "@/server/db";
import { appRouter } from "./root";
import { PEER_HEADER } from "@/server/http/peer";
import { MiB, withBoundedBody } from "@/server/http/read-body";
import { clientIp, trustedProxyList } from "@/server/net/client-ip";
import { crossSiteRefusal, nonJsonRefusal, refusalResponse } from "@/server/http/same-origin";

/** The largest tRPC request body: far above any form of the app, far below what would strain the process. */
export const TRPC_MAX_BODY = 1 * MiB;
/** imports.run carries an uploaded CSV (at most 10 MB, server/imports/schemas.ts) as a JSON string: room for its escaping. */
const IMPORT_MAX_BODY = 16 * MiB;

/**
 * /api/trpc: queries are GETs; every POST is a mutation (tRPC refuses a query over POST), so every POST must
 * come from our own pages (Origin / Sec-Fetch-Site), be JSON, and be at most TRPC_MAX_BODY long.
 */
export const trpcHandler = (getUser: () => Promise<SessionUser | null>) => async (request: Request): Promise<Response> => {
  let req = request;
  if (request.method !== "GET" && request.method !== "HEAD") {
    const refusal = crossSiteRefusal(request.headers, config().appUrl) ?? nonJsonRefusal(request.headers);
    if (refusal) {
      await request.body?.cancel().catch(() => {});
      return refusalResponse(refusal);
    }
    const bounded = await withBoundedBody(request, new URL(request.url).pathname === "/api/trpc/imports.run" ? IMPORT_MAX_BODY : TRPC_MAX_BODY);
    if (bounded instanceof Response) return bounded;
    req = bounded;
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => ({
      db: await getDb(),
      user: await getUser(),
      ip: clientIp(req.headers.get(PEER_HEADER), req.headers.get("x-forwarded-for"), trustedProxyList(config().trustedProxies)),
    }),
    onError({ error, path }) {
      if (isDbUnavailable(error)) logOutage(error);
      else if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path}:`, error.cause ?? error);
    },
    // A database outage is a 503 with Retry-After, not a 500: the client may retry, nothing was changed.
    responseMeta({ errors }) {
      if (errors.length > 0 && errors.every((e) => isDbUnavailable(e))) return { status: 503, headers: new Headers({ "retry-after": String(RETRY_AFTER_S) }) };
      return {};
    },
  });
};
