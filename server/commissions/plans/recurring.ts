/**
 * `n` calendar months after `d`, in UTC, at the same time of day. A day the target month lacks is clamped to its
 * last day (Jan 31 + 1 month = Feb 28, or 29 in a leap year), as billing systems renew subscriptions.
 * UTC, not the program's time zone: the engine is pure and must give the same answer on every server.
 */
export function addMonthsUtc(d: Date, n: number): Date {
  const months = d.getUTCMonth() + n;
  const year = d.getUTCFullYear() + Math.floor(months / 12);
  const month = ((months % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return new Date(Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
}

/** Whole calendar months from `start` to `at` (0 within the first month, and for an `at` before `start`). */
export function monthsElapsed(start: Date, at: Date): number {
  let k = (at.getUTCFullYear() - start.getUTCFullYear()) * 12 + (at.getUTCMonth() - start.getUTCMonth());
  while (k > 0 && addMonthsUtc(start, k).getTime() > at.getTime()) k -= 1;
  return Math.max(0, k);
}

/**
 * Which month of a recurring revshare an event falls in, counted from the customer's first commissioned event:
 * month 1 starts at that instant, and month N + 1 (the first unpaid one) starts exactly N calendar months later.
 */
export function recurringMonth(firstCommissionAt: Date, at: Date, months: number): { month: number; paid: boolean } {
  const month = monthsElapsed(firstCommissionAt, at) + 1;
  return { month, paid: month <= months };
}
