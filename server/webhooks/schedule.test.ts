import { describe, expect, it } from "vitest";
import { nextAttemptAt, RETRY_FOR_MS, retryDelayMs } from "./schedule";

describe("webhook retry schedule", () => {
  it("follows the Standard Webhooks recommendation: 5 s, 5 min, 30 min, 2 h, 5 h, then every 10 h", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(retryDelayMs)).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000, 36_000_000]);
  });

  it("makes 12 attempts in all and stops within 3 days of the first", () => {
    const start = new Date("2026-12-01T00:00:00Z");
    const attempts = [start];
    for (let failed = 1; ; failed++) {
      const next = nextAttemptAt(start, failed, attempts.at(-1)!);
      if (!next) break;
      attempts.push(next);
    }
    expect(attempts).toHaveLength(12);
    expect(attempts.at(-1)!.getTime() - start.getTime()).toBeLessThanOrEqual(RETRY_FOR_MS);
    expect(attempts.at(-1)!.getTime() - start.getTime()).toBeGreaterThan(RETRY_FOR_MS - 10 * 3_600_000);
  });
});
