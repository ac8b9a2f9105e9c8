/**
 * Strict ISO 8601 date-times, the one parser for every date a sender gives us. `Date.parse` is lenient in
 * ways that cost money: it reads "1" as 2001-01-01, rolls 2020-02-30 over to March 1st, and takes years that
 * PostgreSQL cannot store (-271821, 0000, -004713), which then fail the insert with a 500. This accepts only
 * `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with `Z` or an offset, four-digit years, and real calendar days.
 */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;

export const ISO_DATE_TIME_EXAMPLE = "2025-06-10T12:00:00Z";

/** The instant, or null when `text` is not a strict ISO 8601 date-time (year 0001 to 9999) naming a real day and time. */
export function parseIsoDateTime(text: string): Date | null {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0"));
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  // Date.UTC rolls Feb 30 over to March: a day that does not survive the round trip does not exist.
  const local = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  local.setUTCFullYear(year);
  if (local.getUTCFullYear() !== year || local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day) return null;
  let offsetMinutes = 0;
  if (!m[8]) {
    const offHours = Number(m[10]);
    const offMinutes = Number(m[11]);
    if (offHours > 23 || offMinutes > 59) return null;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (offHours * 60 + offMinutes);
  }
  return new Date(local.getTime() - offsetMinutes * 60_000);
}
