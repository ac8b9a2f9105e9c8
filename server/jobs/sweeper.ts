import type { Db } from "@/db/client";
import { config } from "@/server/config";
import { forwardToInngest, kickLocalRunner } from "./outbox";

/** Started once per server process: retries delivery of anything the request path could not finish. */
export function startSweeper(db: Db): () => void {
  const inngestMode = config().jobs === "inngest";
  const timer = setInterval(
    () => {
      if (inngestMode) forwardToInngest(db).catch((err) => console.error("[jobs] Inngest unreachable, will retry:", err instanceof Error ? err.message : err));
      else void kickLocalRunner(db);
    },
    inngestMode ? 30_000 : 2_000,
  );
  timer.unref();
  return () => clearInterval(timer);
}
