import { beforeEach, describe, expect, it } from "vitest";
import { resetBuckets, take } from "./rate-limit";

describe("the per-key token bucket", () => {
  beforeEach(() => resetBuckets());
  const rate = { capacity: 2, refillPerSecond: 1 };

  it("lets a burst of `capacity` through, then refuses with the seconds until the next token", () => {
    expect(take("k", 0, rate)).toEqual({ ok: true, remaining: 1 });
    expect(take("k", 0, rate)).toEqual({ ok: true, remaining: 0 });
    expect(take("k", 0, rate)).toEqual({ ok: false, retryAfter: 1 });
    expect(take("k", 500, rate)).toEqual({ ok: false, retryAfter: 1 });
    expect(take("k", 1000, rate).ok).toBe(true);
  });

  it("refills up to capacity only, and keeps keys apart", () => {
    take("a", 0, rate);
    take("a", 0, rate);
    expect(take("b", 0, rate).ok).toBe(true);
    expect(take("a", 60_000, rate)).toEqual({ ok: true, remaining: 1 });
  });
});
