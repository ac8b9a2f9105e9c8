import type { NextConfig } from "next";
import { COMMON_HEADERS, HSTS, REFERRER_POLICY, ROUTE_CSP } from "./server/http/security-headers";

const list = (h: Record<string, string>) => Object.entries(h).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package folder; bundling it breaks those paths.
  // argon2 is a native addon.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: true }, // `npm run typecheck` is the type gate; the build does not repeat it
  // Pages pass through proxy.ts, which would hold a request body up to this size in memory; pages take none.
  // preloadEntriesOnStart: Next loads every page's and route's chunks at start unless told not to; this app has
  // dozens of admin and portal pages that a tracking server may never serve, and the preloaded chunks kept
  // about 80 MB of module source in the heap. Pages now load on their first request.
  experimental: { proxyClientMaxBodySize: "64kb", preloadEntriesOnStart: false },
  // Pages get their nonce CSP from proxy.ts; everything else gets these fixed headers.
  async headers() {
    const https = [
      // Set by server/http/serve.ts from the socket (TLS ends at the app). Behind a TLS proxy, pages get HSTS from
      // proxy.ts, which believes X-Forwarded-Proto only from TRUSTED_PROXIES; this fixed rule cannot check that.
      { source: "/:path*", has: [{ type: "header" as const, key: "x-touchpoint-proto", value: "https" }], headers: list({ "Strict-Transport-Security": HSTS }) },
    ];
    return [
      { source: "/:path*", headers: list(COMMON_HEADERS) },
      { source: "/api/:path*", headers: list({ "Content-Security-Policy": ROUTE_CSP, "Referrer-Policy": REFERRER_POLICY }) },
      { source: "/r/:path*", headers: list({ "Content-Security-Policy": ROUTE_CSP }) },
      { source: "/_next/:path*", headers: list({ "Referrer-Policy": REFERRER_POLICY }) },
      ...https,
    ];
  },
};

export default nextConfig;
