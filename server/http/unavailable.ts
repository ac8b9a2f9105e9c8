import { isDbUnavailable } from "@/db/unavailable";

/** Seconds a sender should wait before retrying while the database is unreachable. */
export const RETRY_AFTER_S = 5;

export function serviceUnavailable(body: unknown = { status: "error", error: "unavailable", message: "The database is unreachable; nothing was stored. Retry later." }): Response {
  return Response.json(body, { status: 503, headers: { "retry-after": String(RETRY_AFTER_S), "cache-control": "no-store" } });
}

let lastLog = 0;
/** One line per 5 s during an outage, not one per request. */
export function logOutage(err: unknown): void {
  const now = Date.now();
  if (now - lastLog < 5_000) return;
  lastLog = now;
  let root = err;
  while (root instanceof Error && root.cause) root = root.cause;
  const code = (root as { code?: unknown } | null)?.code;
  console.error(`[db] unavailable, answering 503: ${root instanceof Error ? root.message : String(root)}${code ? ` (${String(code)})` : ""}`);
}

/**
 * Runs a route's work; a database outage becomes 503 + Retry-After (nothing was stored: every accepted fact
 * is one transaction) instead of a bare 500. Other errors are bugs and stay 500s.
 */
export async function unlessDbDown(work: () => Promise<Response>, onDown: () => Response = () => serviceUnavailable()): Promise<Response> {
  try {
    return await work();
  } catch (err) {
    if (!isDbUnavailable(err)) throw err;
    logOutage(err);
    return onDown();
  }
}
