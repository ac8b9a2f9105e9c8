/**
 * `npm start`: prepares secrets, validates the configuration, builds when the sources changed since the
 * last build, then serves the app in this process (server/http/serve.ts). Migrations and the demo seed
 * run inside the server (instrumentation.ts), because the embedded database allows one process only.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, parseConfig } from "../server/config";
import { buildState } from "./build-freshness";

const dev = process.argv.includes("--dev");
const root = path.resolve(__dirname, "..");
process.chdir(root);
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const dataDir = path.resolve(env.DATA_DIR || "./data");
if (!env.NEXTAUTH_SECRET) {
  // A generated secret per install, never one shipped in the repository.
  const file = path.join(dataDir, "auth-secret");
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

let appUrl: string;
try {
  appUrl = parseConfig(env).appUrl;
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
env.APP_URL ??= appUrl;
env.NEXTAUTH_URL ??= appUrl;
const port = parseConfig(env).port;
const next = path.join(root, "node_modules", "next", "dist", "bin", "next");

if (!dev && buildState(root) !== "fresh") {
  console.log("Building Touchpoint (first start or sources changed; a few minutes on a small machine)...");
  const build = spawnSync(process.execPath, [next, "build"], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/**
 * V8 sizes its heap from the machine's memory: on a 16 GB+ server the limit is 4 GB and the old generation is
 * first collected only when it reaches half of that, so under load the server grew to 700-900 MB resident
 * while its live heap stayed under 100 MB (heap snapshots). A 1 GB limit (ten times the live heap) caps how
 * fast the heap may grow after each collection, and a 64 MB starting size makes the first collection come
 * early. Set NODE_OPTIONS=--max-old-space-size=... to choose your own; then this is left alone.
 */
const HEAP_FLAGS = ["--max-old-space-size=1024", "--initial-old-space-size=64"];
const heapChosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((a) => a.includes("--max-old-space-size"));
if (!dev && !heapChosen) {
  // The flags only apply to a new process: serve from a child (same process group, so one signal stops both).
  const child = spawn(process.execPath, [...process.execArgv, ...HEAP_FLAGS, ...process.argv.slice(1)], { stdio: "inherit", env });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  serveHere();
}

/** Serves the app in this process (server/http/serve.ts). */
function serveHere() {
  Object.assign(process.env, env, { NODE_ENV: dev ? "development" : "production" });
  // tsx turns source maps on for its own TypeScript. With them on, Node also reads and keeps the source map of
  // every Next chunk this server loads: about 60 MB of strings that stay in the heap (seen in a heap snapshot).
  // `next start` runs without them, and so does this production server.
  if (!dev) process.setSourceMapsEnabled(false);
  import("../server/http/serve")
    .then(({ serve }) => serve({ dev, port, hostname: env.HOST }))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
