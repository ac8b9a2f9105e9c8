import { getDb } from "@/server/db";
import { dispatchOutbox } from "@/server/jobs/outbox";
import { config } from "@/server/config";
import { requestOrigin, trustedProxyList } from "@/server/tracking/client-ip";
import { PROGRAM_HEADER, SIGNATURE_HEADER } from "./postback-auth";
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
  const text = await request.text();
  if (text.length > MAX_BODY) return json(413, { status: "error", error: "body_too_large", message: "body must be at most 64 KiB" });
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
  if (!result.ok) return json(result.httpStatus, { status: "error", error: result.error, message: result.message });
  if (result.status === "accepted") dispatchOutbox(db, result.outboxId);
  return json(200, { status: result.status, conversion_id: result.conversionId });
}
