import http, { type IncomingMessage, validateHeaderName, validateHeaderValue } from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { performance } from "node:perf_hooks";
import { compilePolicy, DEFAULT_POLICY, isForbiddenHostname, type IpPolicy } from "./ip-policy";
import { BlockedAddressError, safeLookup } from "./safe-lookup";

/**
 * HTTP client for URLs that partners (untrusted users) configure: postbacks and webhooks.
 *
 * Guarantees: only http/https; the address is checked at connect time (see safe-lookup.ts) and literal IPs
 * before connecting; redirects are never followed; a hard deadline; a cap on how much response is read.
 * Network problems come back as `{ ok: false }`, never as exceptions, with a message safe to show the partner.
 */

export { DEFAULT_POLICY, isBlockedAddress, type IpPolicy, type Resolver } from "./ip-policy";

export const USER_AGENT = "Touchpoint-Postback/1.0";
export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_BYTES = 64 * 1024;
export const DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

export interface SafeFetchInit {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** Only with POST. */
  body?: string | Buffer;
  /** One deadline for DNS, connect, TLS, response headers and body together. */
  timeoutMs?: number;
  /** Response bytes read at most; the rest is never read and `truncated` is set. */
  maxBytes?: number;
  /** Largest request body accepted; more is refused with `too_large` before connecting. */
  maxRequestBytes?: number;
  policy?: IpPolicy;
}

export type SafeFetchError =
  | "invalid_url"
  | "invalid_request"
  | "blocked_address"
  | "dns_failed"
  | "timeout"
  | "connection_failed"
  | "too_large";

export type SafeFetchResult =
  | {
      ok: true;
      /** Any status, including 3xx: redirects are returned, not followed. */
      status: number;
      /** Lower-case names; repeated headers joined with ", ". */
      headers: Record<string, string>;
      /** UTF-8 decoded; `body.length` never exceeds the bytes read, which never exceed maxBytes. */
      body: string;
      truncated: boolean;
      durationMs: number;
      /** The IP the socket was connected to. */
      address: string;
    }
  | { ok: false; error: SafeFetchError; message: string; durationMs: number };

/**
 * Headers that describe the connection or the framing of the body. We set them (or leave them to Node);
 * taken from a partner they could desynchronise the request (a wrong content-length, chunked framing,
 * `expect: 100-continue` stalls, `upgrade` hands the raw socket over).
 */
const MANAGED_HEADERS = new Set(["host", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "expect", "te", "trailer", "proxy-connection"]);

type Target = { url: URL; host: string };

/** A well-formed absolute http(s) URL without credentials, or the reason it is not. */
function parseTarget(raw: unknown): Target | string {
  if (typeof raw !== "string") return "the URL must be a string";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "the URL is not a valid absolute URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "only http:// and https:// URLs are allowed";
  // `http://:@host/` parses to an empty user and password, so the raw authority is checked for "@" too.
  const authority = /^\s*[a-z][a-z0-9+.-]*:[/\\]*([^/\\?#]*)/i.exec(raw)?.[1] ?? "";
  if (url.username !== "" || url.password !== "" || authority.includes("@")) {
    return "the URL must not contain a user name or password";
  }
  if (url.hostname === "") return "the URL has no host";
  if (url.port === "0") return "port 0 is not allowed";
  // URL keeps IPv6 literals in brackets; http.request wants them bare.
  return { url, host: url.hostname.replace(/^\[(.*)\]$/, "$1") };
}

/** Validates everything about the request that does not need the network. */
function prepareRequest(init: SafeFetchInit): { headers: Record<string, string>; body: Buffer | undefined } | [SafeFetchError, string] {
  const method = init.method ?? "GET";
  if (method !== "GET" && method !== "POST") return ["invalid_request", "only GET and POST are allowed"];
  if (init.body !== undefined && typeof init.body !== "string" && !Buffer.isBuffer(init.body)) {
    return ["invalid_request", "the body must be a string or a Buffer"];
  }
  const body = init.body === undefined ? undefined : Buffer.from(init.body);
  if (body && method !== "POST") return ["invalid_request", "a body is only allowed with POST"];
  if (body && body.length > (init.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES)) return ["too_large", "the request body is too large"];
  const headers: Record<string, string> = { "user-agent": USER_AGENT };
  for (const [name, value] of Object.entries(init.headers ?? {})) {
    try {
      // Rejects CR/LF and other bytes that would let a header value inject more headers.
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch {
      return ["invalid_request", `header ${JSON.stringify(name.slice(0, 64))} is not valid`];
    }
    if (!MANAGED_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  if (body) headers["content-length"] = String(body.length);
  return { headers, body };
}

const positive = (n: number) => Number.isFinite(n) && n > 0 && n <= 2 ** 31 - 1;

/** Turns a socket/HTTP error into a partner-safe message: fixed text plus at most an error code. */
function describeError(err: NodeJS.ErrnoException, host: string): [SafeFetchError, string] {
  if (err instanceof BlockedAddressError) {
    // Deliberately not the resolved IP: echoing it would let a partner map our internal DNS names.
    return ["blocked_address", `host ${host} resolves to an address that is not allowed`];
  }
  const code = typeof err.code === "string" ? err.code : "";
  if (["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "ENODATA"].includes(code)) {
    return ["dns_failed", `could not resolve host ${host}`];
  }
  if (code === "ECONNREFUSED") return ["connection_failed", "connection refused"];
  if (code === "ECONNRESET" || err.message === "socket hang up") return ["connection_failed", "connection closed by the server"];
  if (code.startsWith("HPE_")) return ["connection_failed", "the server sent an invalid HTTP response"];
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code)) return ["connection_failed", `TLS error (${code})`];
  return ["connection_failed", /^[A-Z0-9_]+$/.test(code) ? `connection failed (${code})` : "connection failed"];
}

function flattenHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

export async function safeFetch(url: string, init: SafeFetchInit = {}): Promise<SafeFetchResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const fail = (error: SafeFetchError, message: string): SafeFetchResult => ({ ok: false, error, message, durationMs: elapsed() });

  const target = parseTarget(url);
  if (typeof target === "string") return fail("invalid_url", target);
  const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = init.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!positive(timeoutMs) || !positive(maxBytes)) return fail("invalid_request", "timeoutMs and maxBytes must be positive");
  const request = prepareRequest(init);
  if (Array.isArray(request)) return fail(...request);

  const policy = compilePolicy(init.policy ?? DEFAULT_POLICY);
  const { url: parsed, host } = target;
  if (isForbiddenHostname(host)) return fail("blocked_address", `host ${host} is not allowed`);
  // Node connects to IP literals without calling `lookup`, so they are judged here.
  if (isIP(host) && policy.isBlocked(host)) return fail("blocked_address", `address ${host} is not allowed`);

  return new Promise<SafeFetchResult>((settleWith) => {
    let settled = false;
    let req: http.ClientRequest | undefined;
    const settle = (result: SafeFetchResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      req?.destroy(); // no-op after a complete exchange; otherwise stops any further reading or connecting
      settleWith(result);
    };
    const deadline = setTimeout(() => settle(fail("timeout", `no complete response within ${timeoutMs} ms`)), timeoutMs);

    try {
      req = (parsed.protocol === "https:" ? https : http).request({
        method: init.method ?? "GET",
        hostname: host,
        port: parsed.port || undefined,
        path: parsed.pathname + parsed.search,
        headers: request.headers,
        lookup: safeLookup(policy),
        // A fresh connection per request: a pooled socket could have been opened by code that never
        // checked its address, and keep-alive is pointless for one-off postbacks.
        agent: false,
        insecureHTTPParser: false,
      });
    } catch {
      // Node validates some options synchronously (e.g. port 0); that is a bad URL, not a crash.
      return settle(fail("invalid_url", "the URL cannot be requested"));
    }

    let address = "";
    req.on("socket", (socket) => {
      socket.once("connect", () => {
        address = socket.remoteAddress ?? "";
        // Defence in depth: the lookup and the literal check above should make this unreachable.
        if (address === "") settle(fail("connection_failed", "connection failed"));
        else if (policy.isBlocked(address)) settle(fail("blocked_address", `host ${host} resolves to an address that is not allowed`));
      });
    });
    req.on("error", (err) => settle(fail(...describeError(err, host))));
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (truncated: boolean) => {
        // stream: true holds back a multi-byte character cut in half by truncation instead of emitting U+FFFD.
        const body = new TextDecoder("utf-8").decode(Buffer.concat(chunks), { stream: truncated });
        settle({ ok: true, status: res.statusCode ?? 0, headers: flattenHeaders(res), body, truncated, durationMs: elapsed(), address });
      };
      res.on("data", (chunk: Buffer) => {
        if (settled) return;
        if (size + chunk.length > maxBytes) {
          chunks.push(chunk.subarray(0, maxBytes - size));
          finish(true); // settle() destroys the request, so nothing more is read or buffered
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on("end", () => finish(false));
      res.on("error", () => settle(fail("connection_failed", "connection closed before the response was complete")));
      res.on("close", () => settle(fail("connection_failed", "connection closed before the response was complete")));
    });
    req.end(request.body);
  });
}
