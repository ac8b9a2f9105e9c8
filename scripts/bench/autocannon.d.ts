/**
 * The part of autocannon 9's API the benchmark uses. autocannon ships no types and @types/autocannon is
 * not installed (the brief forbids new installs), so strict TypeScript needs this declaration.
 */
declare module "autocannon" {
  export type Histogram = { total: number; average: number; mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p99: number; p99_9: number };

  export type Request = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  };

  export type RequestSpec = Request & {
    /** Returns the request to send (a falsy value restarts the sequence). */
    setupRequest?: (req: Request, context: Record<string, unknown>) => Request;
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => void;
  };

  export type Options = {
    url: string;
    connections?: number;
    pipelining?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    overallRate?: number;
    ignoreCoordinatedOmission?: boolean;
    /** Raw histograms in the result, to be combined with autocannon.aggregateResult(). */
    skipAggregateResult?: boolean;
    method?: string;
    headers?: Record<string, string>;
    requests?: RequestSpec[];
    verifyBody?: (body: string) => boolean;
  };

  export type Result = {
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    resets: number;
    statusCodeStats: Record<string, { count: number }>;
  };

  export type Instance = { stop: () => void };

  function autocannon(opts: Options, cb: (err: Error | null, result: Result) => void): Instance;
  namespace autocannon {
    function aggregateResult(results: Result[], opts: Options): Result;
  }
  export default autocannon;
}
