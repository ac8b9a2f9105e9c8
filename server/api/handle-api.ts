import type { z } from "zod";
import type { Db } from "@/db/client";
import { objectRef } from "@/server/audit/object-ref";
import { recordAudit } from "@/server/audit/record-audit";
import { BodyTooLargeError, KiB, readBodyText } from "@/server/http/read-body";
import { authenticate } from "./authenticate";
import { bearer } from "./credentials";
import type { AnyRoute, Principal } from "./define";
import { claim, IDEMPOTENCY_KEY, settle } from "./idempotency";
import { fieldErrors, problem, toProblem, type FieldError } from "./problem";
import { take, type Rate } from "./rate-limit";
import { API_ROUTES } from "./routes";
import { hasScope } from "./scopes";

export const API_BASE = "/api/v1";
const MAX_BODY = 64 * KiB;

type Compiled = { route: AnyRoute; pattern: RegExp; names: string[] };
const compiled: Compiled[] = API_ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
});

function match(method: string, path: string): { route: AnyRoute; params: Record<string, string> } | "method" | null {
  let pathMatched = false;
  for (const c of compiled) {
    const m = c.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (c.route.method !== method) continue;
    return { route: c.route, params: Object.fromEntries(c.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? "")])) };
  }
  return pathMatched ? "method" : null;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store", ...headers } });

function validate(schema: z.ZodType | undefined, value: unknown, errors: FieldError[], empty: unknown): unknown {
  if (!schema) return empty;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  errors.push(...fieldErrors(r.error));
  return undefined;
}

/** Who the audit log names for a write through the API: the key (its creator is the user it acts for). */
const keyActor = (p: Extract<Principal, { kind: "key" }>) => ({ id: p.createdBy, email: `api key ${p.prefix} (${p.name})`.slice(0, 200), role: "api_key" });

/**
 * Serves /api/v1/*: authenticates the bearer secret, checks the route's scope and the key's rate, validates
 * path, query and body with the route's zod schemas (every bad field named), applies Idempotency-Key on POSTs,
 * runs the route, and writes every write to the audit log with the key as the actor.
 */
export async function handleApi(db: Db, request: Request, ip: string | null = null, opts: { rate?: Rate } = {}): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.startsWith(API_BASE) ? url.pathname.slice(API_BASE.length) || "/" : url.pathname;
  const found = match(request.method, path);
  if (found === null) return problem(404, "not_found", `No API operation at ${path}. The reference is at ${API_BASE}/docs.`);
  if (found === "method") return problem(405, "method_not_allowed", `${request.method} is not allowed on ${path}.`);
  const { route, params: rawParams } = found;

  const secret = bearer(request);
  const principal = secret ? await authenticate(db, secret) : null;
  if (!principal) return problem(401, "unauthorized", "Send a live API key or partner token as `Authorization: Bearer <secret>`.", [], { "www-authenticate": 'Bearer realm="touchpoint"' });
  if (principal.kind !== route.auth)
    return problem(403, "wrong_credential", route.auth === "key" ? "This operation needs an operator API key." : "This operation needs a partner token.");
  if (principal.kind === "key" && route.scope && !hasScope(principal.scopes, route.scope)) return problem(403, "insufficient_scope", `This key lacks the ${route.scope} scope.`);

  const limited = take(principal.kind === "key" ? principal.keyId : principal.tokenId, Date.now(), opts.rate);
  if (!limited.ok) return problem(429, "rate_limited", `Too many requests for this key: retry in ${limited.retryAfter} s.`, [], { "retry-after": String(limited.retryAfter) });

  let bodyText = "";
  let rawBody: unknown = undefined;
  if (route.body) {
    try {
      bodyText = await readBodyText(request, route.maxBody ?? MAX_BODY);
    } catch (err) {
      if (err instanceof BodyTooLargeError) return problem(413, "body_too_large", err.message);
      throw err;
    }
    const type = request.headers.get("content-type") ?? "";
    if (bodyText && !/^application\/(.+\+)?json\b/i.test(type)) return problem(415, "unsupported_media_type", "Send the body as application/json.");
    try {
      rawBody = bodyText ? JSON.parse(bodyText) : {};
    } catch {
      return problem(400, "invalid_json", "The body is not valid JSON.", [{ field: "(body)", message: "Not valid JSON" }]);
    }
  }

  const errors: FieldError[] = [];
  const params = validate(route.params, rawParams, errors, {});
  const query = validate(route.query, Object.fromEntries(url.searchParams), errors, {});
  const body = validate(route.body, rawBody, errors, undefined);
  if (errors.length > 0) return problem(422, "validation_failed", "Some fields are not valid.", errors);

  const idemKey = request.method === "POST" ? request.headers.get("idempotency-key") : null;
  if (idemKey !== null && !IDEMPOTENCY_KEY.test(idemKey))
    return problem(400, "invalid_idempotency_key", "Idempotency-Key must be 1 to 255 letters, digits or . _ : -", [{ field: "Idempotency-Key", message: "Use 1 to 255 letters, digits or . _ : -" }]);
  const idem = idemKey && principal.kind === "key" ? { apiKeyId: principal.keyId, key: idemKey } : null;
  if (idem) {
    const claimed = await claim(db, { ...idem, method: request.method, path, body: bodyText });
    if (claimed.kind === "refuse") return claimed.response;
    if (claimed.kind === "replay") return json(claimed.stored.status, claimed.stored.body, { "idempotent-replayed": "true" });
  }

  // POST /reports only reads
  const write = request.method !== "GET" && !route.scope?.endsWith(":read");
  let status: number = route.status ?? 200;
  let out: unknown;
  let response: Response;
  try {
    out = await route.handle({ db, principal, params, query, body } as never);
    response = json(status, out);
  } catch (err) {
    const refused = toProblem(err);
    if (!refused) {
      console.error(`[api] ${route.operationId} failed:`, err);
      response = problem(500, "internal_error", "Something went wrong on our side; nothing you sent was at fault.");
    } else response = refused;
    status = response.status;
    out = await response.clone().json();
  }

  if (idem) await settle(db, idem.apiKeyId, idem.key, { status, body: out });
  if (write && principal.kind === "key") {
    const input = { ...(body && typeof body === "object" ? body : {}), ...(params as object) };
    try {
      await recordAudit(db, {
        actor: keyActor(principal),
        action: `api.${route.operationId}`,
        ...objectRef(params, input, status < 400 ? out : null),
        after: status < 400 ? out : undefined,
        input,
        outcome: status < 400 ? "ok" : "failed",
        error: status < 400 ? null : `${status}: ${(out as { detail?: string }).detail ?? ""}`,
        ip,
      });
    } catch (err) {
      console.error(`[audit] could not record api.${route.operationId}:`, err instanceof Error ? err.message : err);
    }
  }
  return response;
}
