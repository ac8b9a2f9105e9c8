/**
 * "The database cannot answer right now", as opposed to "this query is wrong". Request handlers answer the
 * first with 503 + Retry-After (senders retry, nothing was stored) and let the second surface as a bug.
 */
export class DbUnavailableError extends Error {
  readonly code = "DB_UNAVAILABLE";
}

// postgres.js connection errors, Node socket errors, and PostgreSQL's SQLSTATEs for "not now":
// class 08 (connection exception), 57014 query_canceled (statement_timeout or our own bounded wait),
// 57P01-57P03 (shutdown, cannot connect now), 53300 too_many_connections, 53400 configuration_limit_exceeded.
const CODES = new Set([
  "DB_UNAVAILABLE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "57014",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "53400",
]);

/** True when `err` (or any error in its `cause` chain: drizzle wraps the driver's) says the database is unreachable. */
export function isDbUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (CODES.has(code) || code.startsWith("08"))) return true;
    if (e instanceof AggregateError && e.errors.some(isDbUnavailable)) return true;
  }
  return false;
}
