import { createServer } from "node:http";
import type { TLSSocket } from "node:tls";
import next from "next";
import { PEER_HEADER, PROTO_HEADER } from "./peer";
import { noteRequest } from "./traffic";

/** Runs the Next.js app behind a plain Node HTTP server that records each request's real socket peer. */
export async function serve(opts: { dev: boolean; port: number; hostname?: string }) {
  const app = next({ dev: opts.dev, port: opts.port, hostname: opts.hostname ?? "localhost", dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    noteRequest();
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    req.headers[PROTO_HEADER] = (req.socket as TLSSocket).encrypted ? "https" : "http";
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.hostname, resolve));
  const stop = () => {
    server.close();
    // The database is closed before exit so the embedded PGlite flushes and releases its directory.
    import("@/server/db")
      .then(({ closeDb }) => closeDb())
      .catch((err: unknown) => console.error("closing the database:", err))
      .finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return server;
}
