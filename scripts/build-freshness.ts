import fs from "node:fs";
import path from "node:path";

/** What a production build is made from: a change to any of these makes `.next` stale. */
const SOURCES = ["app", "components", "server", "db", "instrumentation.ts", "proxy.ts", "next.config.ts", "package.json"];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    // tests are not part of the build: editing one must not make it stale
    if (entry.name === "node_modules" || entry.name.startsWith(".") || /\.(test|spec)\.tsx?$/.test(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** "missing": no production build in `root`/.next; "stale": a source changed after it; "fresh" otherwise. */
export function buildState(root: string): "missing" | "stale" | "fresh" {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return "missing";
  const newest = SOURCES.map((p) => path.join(root, p))
    .filter((p) => fs.existsSync(p))
    .map((p) => (fs.statSync(p).isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs));
  return Math.max(...newest) > fs.statSync(buildId).mtimeMs ? "stale" : "fresh";
}
