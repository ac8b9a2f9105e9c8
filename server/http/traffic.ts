/**
 * How busy the HTTP server is, for background work that should yield to it. The counter lives on
 * globalThis: the server (scripts/start.ts) and the app's bundles are separate module instances in one process.
 *
 * Requests are counted in time-stamped buckets of BUCKET_MS and the rate is read over the last WINDOW_MS when
 * asked, so it depends on when requests came, not on when a sampling timer happened to run: a sampler that
 * fired late on a busy event loop read an empty quarter second as "idle" in the middle of a burst.
 */
const KEY = Symbol.for("touchpoint.traffic.v2");
const BUCKET_MS = 100;
const WINDOW_MS = 1_000;
const BUCKETS = WINDOW_MS / BUCKET_MS;

type Traffic = { slots: Float64Array; counts: Uint32Array };

function traffic(): Traffic {
  const g = globalThis as unknown as Record<symbol, Traffic | undefined>;
  return (g[KEY] ??= { slots: new Float64Array(BUCKETS).fill(-1), counts: new Uint32Array(BUCKETS) });
}

/** Called by the HTTP server for every request. */
export function noteRequest(now = Date.now()): void {
  const t = traffic();
  const slot = Math.floor(now / BUCKET_MS);
  const i = slot % BUCKETS;
  if (t.slots[i] !== slot) {
    t.slots[i] = slot;
    t.counts[i] = 0;
  }
  t.counts[i]!++;
}

/** Requests per second over the last second (0 where no HTTP server runs, e.g. in tests). */
export function requestRate(now = Date.now()): number {
  const t = traffic();
  const current = Math.floor(now / BUCKET_MS);
  let n = 0;
  for (let i = 0; i < BUCKETS; i++) {
    const slot = t.slots[i]!;
    if (slot > current - BUCKETS && slot <= current) n += t.counts[i]!;
  }
  return (n * 1000) / WINDOW_MS;
}
