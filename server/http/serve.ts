import fs from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import type { TLSSocket } from "node:tls";
import next from "next";
import type { NextConfig } from "next";
import { PEER_HEADER, PROTO_HEADER } from "./peer";
import { noteRequest } from "./traffic";

/**
 * The configuration `next build` resolved and wrote beside the build. Next's own standalone server starts from
 * it the same way (that variable is how its generated server.js hands it over). Without it, the production
 * server transpiles next.config.ts at every start, which loads the SWC compiler into the process (about 26 MB
 * resident, seen in /proc/<pid>/smaps) to compile nothing else. start.ts rebuilds when next.config.ts changed,
 * so the built copy is current.
 */
function adoptBuiltConfig(): NextConfig | undefined {
  try {
    const file = path.join(process.cwd(), ".next", "required-server-files.json");
    const { config } = JSON.parse(fs.readFileSync(file, "utf8")) as { config: NextConfig };
    process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(config);
    return config;
  } catch {
    return undefined;
  }
}

/** Runs the Next.js app behind a plain Node HTTP server that records each request's real socket peer. */
export async function serve(opts: { dev: boolean; port: number; hostname?: string }) {
  const conf = opts.dev ? undefined : adoptBuiltConfig();
  const app = next({ dev: opts.dev, port: opts.port, hostname: opts.hostname ?? "localhost", dir: process.cwd(), ...(conf ? { conf } : {}) });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    noteRequest();
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    req.headers[PROTO_HEADER] = (req.socket as TLSSocket).encrypted ? "https" : "http";
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.hostname, resolve));
  // A second signal must not cut the database's close short: Ctrl-C reaches both this process and the
  // `npm start` process above it, which passes the signal on too.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    // The database is closed before exit so the embedded PGlite flushes and releases its directory.
    import("@/server/db")
      .then(({ closeDb }) => closeDb())
      .catch((err: unknown) => console.error("closing the database:", err))
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return server;
}
