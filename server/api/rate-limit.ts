/**
 * Per-key token bucket, in this process's memory: each key may burst `capacity` requests and then
 * `refillPerSecond` a second. Several app processes each keep their own buckets (the limit is per process).
 */
export type Bucket = { tokens: number; at: number };

export type Rate = { capacity: number; refillPerSecond: number };

export const API_RATE: Rate = { capacity: 120, refillPerSecond: 10 };

const buckets = new Map<string, Bucket>();

/** Takes one token for `key`; when none is left, the seconds until one is (for Retry-After). */
export function take(key: string, now = Date.now(), rate = API_RATE): { ok: true; remaining: number } | { ok: false; retryAfter: number } {
  const b = buckets.get(key) ?? { tokens: rate.capacity, at: now };
  b.tokens = Math.min(rate.capacity, b.tokens + ((now - b.at) / 1000) * rate.refillPerSecond);
  b.at = now;
  buckets.set(key, b);
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return { ok: true, remaining: Math.floor(b.tokens) };
  }
  return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / rate.refillPerSecond)) };
}

/** Tests start from a full bucket. */
export function resetBuckets(): void {
  buckets.clear();
}
