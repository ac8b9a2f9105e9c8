import { getDb } from "@/server/db";
import { dispatchOutbox } from "@/server/jobs/outbox";
import { recordPostback } from "./record-postback";

const MAX_BODY = 64 * 1024;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store" } });

async function readParams(request: Request): Promise<Record<string, unknown> | Response> {
  const params: Record<string, unknown> = Object.fromEntries(new URL(request.url).searchParams);
  if (request.method !== "POST") return params;
  const text = await request.text();
  if (text.length > MAX_BODY) return json(413, { status: "error", error: "body_too_large", message: "body must be at most 64 KiB" });
  if (text.trim() === "") return params;
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
    return { ...params, ...(body as Record<string, unknown>) };
  }
  return { ...params, ...Object.fromEntries(new URLSearchParams(text)) };
}

/** GET or POST /api/postback: a server-to-server conversion from the operator's backend. */
export async function handlePostback(request: Request): Promise<Response> {
  const params = await readParams(request);
  if (params instanceof Response) return params;
  const db = await getDb();
  const result = await recordPostback(db, params);
  if (!result.ok) return json(result.httpStatus, { status: "error", error: result.error, message: result.message });
  if (result.status === "accepted") dispatchOutbox(db, result.outboxId);
  return json(200, { status: result.status, conversion_id: result.conversionId });
}
