/**
 * Reads a request body up to a limit and stops there. `request.text()` buffers whatever the client sends
 * before anyone can look at its size (a 40 MB postback grew the process by 87 MB before its 413), so every
 * route that reads a body reads it through here: a declared Content-Length over the limit is refused
 * before one byte is read, and a streamed body is cancelled as soon as it crosses the limit.
 */

export const KiB = 1024;
export const MiB = 1024 * KiB;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body must be at most ${describeSize(limit)}`);
  }
}

export function describeSize(bytes: number): string {
  return bytes >= MiB && bytes % MiB === 0 ? `${bytes / MiB} MiB` : bytes >= KiB && bytes % KiB === 0 ? `${bytes / KiB} KiB` : `${bytes} bytes`;
}

/** The body's bytes, or BodyTooLargeError once more than `limit` bytes were declared or received. */
export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) {
    // Nothing is read; cancelling tells the stream's source to stop sending.
    await request.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(limit);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The body as UTF-8 text (invalid sequences become U+FFFD, as `request.text()` does). */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, limit));
}

/** The standard answer to a body over the limit. */
export function payloadTooLarge(err: BodyTooLargeError): Response {
  return Response.json(
    { status: "error", error: "body_too_large", message: err.message },
    { status: 413, headers: { "cache-control": "no-store", connection: "close" } },
  );
}

/**
 * The same request with its body read (at most `limit` bytes) and held in memory, for handlers from libraries
 * (tRPC, next-auth, Inngest) that read the body themselves. A 413 Response when it is too large.
 */
export async function withBoundedBody(request: Request, limit: number): Promise<Request | Response> {
  if (request.method === "GET" || request.method === "HEAD") return request;
  let body: Uint8Array;
  try {
    body = await readBodyBytes(request, limit);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return payloadTooLarge(err);
    throw err;
  }
  const headers = new Headers(request.headers);
  headers.set("content-length", String(body.byteLength));
  return new Request(request.url, { method: request.method, headers, body: body as BodyInit, signal: request.signal });
}
