import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";
import { DomainError } from "@/server/errors";

/**
 * Reports date each program's facts in its zone inside the database, so the zone must be one PostgreSQL knows
 * too (its zone list can lag the browser's by a release): refused here, with the form's field named, rather than
 * stalling the report worker later.
 */
export async function assertDatabaseKnowsZone(db: DbOrTx, timeZone: string): Promise<void> {
  const [row] = rowsOf<{ ok: boolean }>(await db.execute(sql`select exists (select 1 from pg_timezone_names where name = ${timeZone}) as ok`));
  if (!row?.ok) throw new DomainError("BAD_REQUEST", `The database does not know the time zone ${timeZone}. Pick another name for the same zone.`, "timeZone");
}
