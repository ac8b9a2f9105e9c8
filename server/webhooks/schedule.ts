/** Retries stop this long after the schedule (re)started: the first attempt, or a replay. */
export const RETRY_FOR_MS = 3 * 86_400_000;

/**
 * The Standard Webhooks recommendation: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, and every 10 h
 * after that until 3 days have passed (12 attempts in all).
 */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000] as const;

/** The wait after the `failed`-th failed attempt of a round (1 for the first). */
export function retryDelayMs(failed: number): number {
  return RETRY_DELAYS_MS[failed - 1] ?? 10 * 3_600_000;
}

/** When to try again after a failure, or null when that would be past the 3-day window. */
export function nextAttemptAt(retryFrom: Date, failedInRound: number, now: Date): Date | null {
  const next = new Date(now.getTime() + retryDelayMs(failedInRound));
  return next.getTime() - retryFrom.getTime() > RETRY_FOR_MS ? null : next;
}
