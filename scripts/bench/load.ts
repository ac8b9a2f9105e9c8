/**
 * One target, measured the same way for all: a short warm-up (Next loads route modules lazily and V8
 * needs to optimise), max throughput with a fixed number of connections, then latency at a fixed rate of
 * half that maximum. Latency at max throughput only measures queueing; at half load it shows what a
 * visitor waits when the server is busy but not saturated.
 */
import autocannon, { type Options, type RequestSpec, type Result } from "autocannon";
import { sampleCpu, sampleRss } from "./procs";

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

export type Target = {
  name: string;
  /** Base URL of the server under test. */
  url: string;
  /** pid whose RSS is sampled (the process that holds the listening socket). */
  pid: number;
  /** A fresh request per call (rotating codes, sub values, txn ids...). */
  next: (context: Record<string, unknown>) => { method?: string; path: string; headers?: Record<string, string> };
  /** False counts the response as an error (wrong status, missing click id, error body...). */
  check: (status: number, body: string, headers: Record<string, string | string[]>, context: Record<string, unknown>) => boolean;
};

export type Measured = {
  name: string;
  rps: number;
  rate: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts and responses that failed `check`. */
  errors: number;
  rssMb: number;
  /** CPU the server (`pid`) and PostgreSQL used during the full-speed run, each as a share of one core. */
  cpu: { app: number; postgres: number };
  statusCodes: Record<string, number>;
};

function run(opts: Options): Promise<Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, result) => (err ? reject(err) : resolve(result))));
}

const SLICES = 10;

/**
 * `rate` req/s for `seconds`, as SLICES autocannon instances at rate/SLICES each, started 1/SLICES s
 * apart. autocannon's overallRate gives each connection a quota per 1 s window, so one instance fires a
 * whole second's requests at once at full concurrency and then idles: its latency is that of a burst.
 * Staggering ten instances spreads that over the second. Coordinated-omission correction is off because
 * autocannon 9 passes it an expected interval of ceil(1/rate) = 1 ms, which adds a synthetic sample for
 * every millisecond of every slow response and inflates p99 several times over.
 */
async function runAtRate(base: Options, rate: number, seconds: number): Promise<Result> {
  const n = Math.min(SLICES, rate);
  const connections = Math.max(1, Math.floor((base.connections ?? 1) / n));
  const slices = Array.from({ length: n }, async (_, i) => {
    await new Promise((r) => setTimeout(r, (i * 1000) / n));
    const sliceRate = Math.floor(rate / n) + (i < rate % n ? 1 : 0);
    return run({ ...base, connections, overallRate: sliceRate, duration: seconds, ignoreCoordinatedOmission: true, skipAggregateResult: true });
  });
  return autocannon.aggregateResult(await Promise.all(slices), { url: base.url, connections: connections * n, pipelining: 1 });
}

/**
 * `latency: false` runs the max-throughput phase only (a re-check of the floor, or a server warm-up);
 * p50/p99 are then 0. `seconds` overrides BENCH_SECONDS for that phase.
 */
export async function measure(t: Target, opts: { latency?: boolean; seconds?: number } = {}): Promise<Measured> {
  const latency = opts.latency ?? true;
  const seconds = opts.seconds ?? SECONDS;
  let bad = 0;
  const statusCodes: Record<string, number> = {};
  const spec: RequestSpec = {
    // autocannon rebuilds the request before each send when setupRequest is set.
    setupRequest: (req, context) => ({ ...req, method: "GET", ...t.next(context) }),
    onResponse: (status, body, context, headers) => {
      statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      if (!t.check(status, body, headers, context)) bad++;
    },
  };
  const base: Options = { url: t.url, connections: CONNECTIONS, pipelining: 1, requests: [spec] };
  const stopRss = sampleRss(t.pid);
  const results: Result[] = [];
  if (WARMUP_SECONDS > 0 && latency) results.push(await run({ ...base, duration: WARMUP_SECONDS }));
  const stopCpu = sampleCpu(t.pid);
  const max = await run({ ...base, duration: seconds });
  const cpu = stopCpu();
  results.push(max);
  const rps = max.requests.total / max.duration;
  // overallRate must be an integer >= 1; the same 50 connections, spread over the slices.
  const rate = latency ? Math.max(1, Math.floor(rps / 2)) : 0;
  const half = latency ? await runAtRate(base, rate, seconds) : undefined;
  if (half) results.push(half);
  const rssMb = stopRss();
  const errors = bad + results.reduce((n, r) => n + r.errors + r.timeouts, 0);
  return { name: t.name, rps, rate, p50: half?.latency.p50 ?? 0, p99: half?.latency.p99 ?? 0, errors, rssMb, cpu, statusCodes };
}

export function printTable(rows: Measured[], floorRps: number) {
  const head = ["target", "max req/s", "x floor", "rate", "p50 ms", "p99 ms", "errors", "peak RSS MB", "app CPU", "pg CPU", "status codes"];
  const body = rows.map((m) => [
    m.name,
    Math.round(m.rps).toString(),
    (m.rps / floorRps).toFixed(2),
    m.rate ? `${m.rate}/s` : "-",
    m.rate ? m.p50.toFixed(1) : "-",
    m.rate ? m.p99.toFixed(1) : "-",
    m.errors.toString(),
    m.rssMb.toFixed(0),
    `${Math.round(m.cpu.app * 100)}%`,
    `${Math.round(m.cpu.postgres * 100)}%`,
    Object.entries(m.statusCodes)
      .map(([s, n]) => `${s}:${n}`)
      .join(" "),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of body) console.log(line(r));
  console.log("(p50/p99 at the fixed `rate`, half of each max, sent by 10 staggered autocannon instances; errors over warm-up + both runs)");
  console.log("(app CPU: the serving process, pg CPU: every PostgreSQL process, each as a share of one core during the full-speed run)");
}
