import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import type { AnyRoute } from "./define";
import { API_ROUTES } from "./routes";
import { API_SCOPES } from "./scopes";

const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().meta({ description: "Stable machine-readable reason, e.g. validation_failed, not_found, insufficient_scope." }),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).meta({ description: "Every bad field, by its path in the body or the name of the parameter." }),
  })
  .meta({ id: "Problem" });

const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: problem } } });

function operation(r: AnyRoute): ZodOpenApiOperationObject {
  const post = r.method === "POST";
  return {
    operationId: r.operationId,
    summary: r.summary,
    tags: [r.tag],
    security: [{ [r.auth === "key" ? "apiKey" : "partnerToken"]: r.scope ? [r.scope] : [] }],
    ...(r.scope ? { description: `Needs the \`${r.scope}\` scope.` } : {}),
    requestParams: {
      ...(r.params ? { path: r.params } : {}),
      ...(r.query ? { query: r.query } : {}),
      ...(post && r.auth === "key"
        ? { header: z.object({ "idempotency-key": z.string().max(255).optional().meta({ description: "Retries with the same key and body get the first answer again; another body with the same key is a 409." }) }) }
        : {}),
    },
    ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema: r.body } } } } : {}),
    responses: {
      [String(r.status ?? 200)]: { description: "OK", content: { "application/json": { schema: r.response } } },
      "401": problemResponse("No live key or token"),
      "403": problemResponse("Wrong kind of credential, or a scope is missing"),
      ...(r.params ? { "404": problemResponse("Not found") } : {}),
      ...(r.body || r.query ? { "422": problemResponse("Invalid input: every bad field is named") } : {}),
      ...(post ? { "409": problemResponse("Conflict, or an Idempotency-Key reused with another body") } : {}),
      "429": problemResponse("Rate limited: see Retry-After"),
    },
  };
}

let cached: ReturnType<typeof createDocument> | null = null;

/** The OpenAPI 3.1 document, generated from the very zod schemas the routes validate with. */
export function openApiDocument(serverUrl = "/api/v1") {
  if (cached && cached.servers?.[0]?.url === serverUrl) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const r of API_ROUTES) {
    paths[r.path] = { ...paths[r.path], [r.method.toLowerCase()]: operation(r) };
  }
  cached = createDocument({
    openapi: "3.1.0",
    info: {
      title: "Touchpoint API",
      version: "1.0.0",
      description:
        "The operator REST API (API keys from Settings > API keys) and the read-only partner API (personal tokens from the portal). " +
        "Send `Authorization: Bearer <secret>`. Lists are newest first with an opaque `cursor`; errors are application/problem+json.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: `An operator API key (tp_live_…). Scopes: ${API_SCOPES.join(", ")}.` },
        partnerToken: { type: "http", scheme: "bearer", description: "A partner's personal token (tp_pat_…): reads that partner's own numbers only." },
      },
    },
    paths,
  });
  return cached;
}
