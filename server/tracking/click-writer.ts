import { bulkInsert } from "@/db/bulk-insert";
import type { DbOrTx } from "@/db/client";
import { coalesce, fulfilled } from "@/db/coalesce";
import { clicks } from "@/db/schema";

type ClickRow = typeof clicks.$inferInsert;

const MAX_BATCH = 500;

/** Columns the table needs filled even when a caller left them out. */
const withDefaults = (row: ClickRow, now: Date): ClickRow => ({ ...row, isBot: row.isBot ?? false, createdAt: row.createdAt ?? now });

/**
 * Writes clicks in batches: every click that arrives in the same turn of the event loop goes into one
 * multi-row INSERT, and each request awaits its batch, so a click is durable before its 302 is sent
 * while the database sees one round trip per batch instead of one per click.
 */
export const writeClick = coalesce<DbOrTx, ClickRow, void>(
  async (db, rows) => {
    const now = new Date();
    await db.execute(bulkInsert(clicks, rows.map((row) => withDefaults(row, now))));
    return fulfilled(rows.map(() => undefined));
  },
  { max: MAX_BATCH },
);
