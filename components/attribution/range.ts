const DAY_MS = 86_400_000;

/** Date inputs are whole UTC days, both ends included: `to` becomes the next midnight. A blank or invalid
 * date is sent as typed so the shared schema answers with its own message. */
export function rangeOf(from: string, to: string): { from: Date | string; to: Date | string } {
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  return {
    from: Number.isNaN(start.getTime()) ? from : start,
    to: Number.isNaN(end.getTime()) ? to : new Date(end.getTime() + DAY_MS),
  };
}

/** The last `days` days up to today (UTC), as date-input values. */
export function lastDays(days: number, now = new Date()): { from: string; to: string } {
  return { from: new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) };
}
