import { getDb } from "@/server/db";
import { dispatchOutbox } from "@/server/outbox/dispatch";
import { config } from "@/server/config";
import { BodyTooLargeError, payloadTooLarge, readBodyText } from "@/server/http/read-body";
import { requestOrigin, trustedProxyList } from "@/server/net/client-ip";
import { PROGRAM_HEADER, SIGNATURE_HEADER } from "./postback-auth";
import type { Problem } from "./postback-input";
import { recordPostback } from "./record-postback";

const MAX_BODY = 64 * 1024;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store" } });

type Read = { params: Record<string, unknown>; rawBody: string };

async function readParams(request: Request): Promise<Read | Response> {
  const url = new URL(request.url);
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  // A signed GET signs its query string; a signed POST its body.
  if (request.method !== "POST") return { params, rawBody: url.search.replace(/^\?/, "") };
  // A signed POST takes every value from the signed bytes: a query parameter would ride along unsigned
  // (`?amount=9999.00&customer_id=victim` on someone's captured request), so any at all is refused.
  if (request.headers.get(SIGNATURE_HEADER)) {
    const unsigned = [...new Set(url.searchParams.keys())].map((k) => k.slice(0, 64));
    if (unsigned.length > 0) {
      return json(400, {
        status: "error",
        error: "unsigned_parameters",
        message: `a signed POST takes every value from its signed body; remove the query parameters ${unsigned.join(", ")}`,
        errors: unsigned.map((field) => ({ field, message: `${field} is not covered by the signature: send it in the signed body` })),
      });
    }
  }
  let text: string;
  try {
    text = await readBodyText(request, MAX_BODY);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return payloadTooLarge(err);
    throw err;
  }
  if (text.trim() === "") return { params, rawBody: text };
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return json(400, { status: "error", error: "invalid_json", message: "body is not valid JSON" });
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      return json(400, { status: "error", error: "invalid_json", message: "body must be a JSON object" });
    }
    return { params: { ...params, ...(body as Record<string, unknown>) }, rawBody: text };
  }
  return { params: { ...params, ...Object.fromEntries(new URLSearchParams(text)) }, rawBody: text };
}

/** The error JSON every conversion route answers: `errors` names each bad field when the request was invalid. */
export function errorBody(result: { error: string; message: string; problems?: Problem[] }) {
  return { status: "error", error: result.error, message: result.message, ...(result.problems ? { errors: result.problems } : {}) };
}

let trusted: ReturnType<typeof trustedProxyList> | undefined;

/** GET or POST /api/postback: a server-to-server conversion from the operator's backend. */
export async function handlePostback(request: Request): Promise<Response> {
  const read = await readParams(request);
  if (read instanceof Response) return read;
  trusted ??= trustedProxyList(config().trustedProxies);
  const db = await getDb();
  const result = await recordPostback(db, read.params, {
    auth: {
      signature: request.headers.get(SIGNATURE_HEADER),
      programId: request.headers.get(PROGRAM_HEADER),
      rawBody: read.rawBody,
      ip: requestOrigin(request.headers, trusted).ip,
    },
  });
  if (!result.ok) return json(result.httpStatus, errorBody(result));
  if (result.status === "accepted") dispatchOutbox(db, result.outboxId);
  return json(200, { status: result.status, conversion_id: result.conversionId });
}
