import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { programs } from "@/db/schema";
import { DAY_MS } from "@/server/time/days";

const valid = (tz: unknown): tz is string => {
  if (typeof tz !== "string" || tz === "") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/**
 * The time zone a report's dates are in. Rollups keep each program's facts on the program's own days, so this
 * is the program's zone when the report is of one program (filtered on, or the only one), or the zone all
 * programs share; null when programs differ (each program's days are then its own).
 */
export async function reportTimeZone(db: DbOrTx, programId: string | undefined): Promise<string | null> {
  const rows = programId
    ? await db.select({ timeZone: programs.timeZone }).from(programs).where(eq(programs.id, programId))
    : await db.selectDistinct({ timeZone: programs.timeZone }).from(programs).limit(2);
  if (rows.length === 0) return "UTC";
  if (rows.length > 1) return null;
  const tz = rows[0]!.timeZone;
  return valid(tz) ? tz : "UTC";
}

export const EACH_PROGRAMS_ZONE = "each program's time zone";

/** The period of the same length just before [from, to] (inclusive ISO dates). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const f = Date.parse(`${from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - f) / DAY_MS) + 1;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(f - days * DAY_MS), to: iso(f - DAY_MS) };
}
