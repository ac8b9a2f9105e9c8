/**
 * Security headers, in one place. Pages get a per-request nonce CSP from proxy.ts (Next.js adds the nonce to
 * its own scripts when it finds the policy on the request); every other response (route handlers, static
 * files) gets the fixed headers from next.config.ts. Imported by both, so it depends on nothing.
 */

/** Pages: scripts only with this request's nonce (and what they load: 'strict-dynamic'). Styles allow inline
 * attributes (React `style={...}`, Radix), which a nonce cannot cover; no script can run from them. */
export function pageCsp(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Route handlers (JSON, CSV, redirects, the 1x1 pixel, the tracking-link 404 page): nothing may run. */
export const ROUTE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** On every response. */
export const COMMON_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  // frame-ancestors 'none' is the rule; X-Frame-Options is for browsers that predate it.
  "X-Frame-Options": "DENY",
} as const;

/** Pages and API answers; a tracking redirect sets its own (the landing page may see where the visitor came from). */
export const REFERRER_POLICY = "strict-origin-when-cross-origin";

/** Sent only over https (browsers ignore it over http; sending it on a plain-http install would be a lie). */
export const HSTS = "max-age=31536000; includeSubDomains";
