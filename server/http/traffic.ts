/**
 * How busy the HTTP server is, for background work that should yield to it. The counter lives on
 * globalThis: the server (scripts/start.ts) and the app's bundles are separate module instances in one process.
 */
const KEY = Symbol.for("touchpoint.traffic");
type Traffic = { requests: number; rate: number; timer: NodeJS.Timeout | null };

function traffic(): Traffic {
  const g = globalThis as unknown as Record<symbol, Traffic | undefined>;
  return (g[KEY] ??= { requests: 0, rate: 0, timer: null });
}

const SAMPLE_MS = 250;

/** Called by the HTTP server for every request. */
export function noteRequest(): void {
  const t = traffic();
  t.requests++;
  if (!t.timer) {
    let last = t.requests;
    t.timer = setInterval(() => {
      t.rate = ((t.requests - last) * 1000) / SAMPLE_MS;
      last = t.requests;
    }, SAMPLE_MS);
    t.timer.unref();
  }
}

/** Requests per second over the last quarter second (0 where no HTTP server runs, e.g. in tests). */
export const requestRate = (): number => traffic().rate;
