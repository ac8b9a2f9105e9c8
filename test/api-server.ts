import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@/db/client";
import { handleApi } from "@/server/api/handle-api";
import { openApiDocument } from "@/server/api/openapi";

/**
 * /api/v1 on a real loopback listener, as the route handler serves it (Node request -> fetch Request ->
 * handleApi -> Response), so clients talk HTTP to it. Also serves the OpenAPI document.
 */
export async function startApiServer(db: Db): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = `http://${req.headers.host}${req.url}`;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(url, { method: req.method, headers, body: body.length > 0 ? body : undefined });
    const response = new URL(url).pathname === "/api/v1/openapi.json" ? Response.json(openApiDocument()) : await handleApi(db, request, "127.0.0.1");
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
