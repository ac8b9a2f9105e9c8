import { bulkInsert } from "@/db/bulk-insert";
import type { DbOrTx } from "@/db/client";
import { clicks } from "@/db/schema";

type ClickRow = typeof clicks.$inferInsert;
type Pending = { row: ClickRow; resolve: () => void; reject: (err: unknown) => void };

const MAX_BATCH = 500;

/** Columns the table needs filled even when a caller left them out. */
const withDefaults = (row: ClickRow, now: Date): ClickRow => ({ ...row, isBot: row.isBot ?? false, createdAt: row.createdAt ?? now });

/**
 * Writes clicks in batches: every click that arrives in the same turn of the event loop goes into one
 * multi-row INSERT, and each request awaits its batch, so a click is durable before its 302 is sent
 * while the database sees one round trip per batch instead of one per click.
 */
class ClickWriter {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: DbOrTx) {}

  write(row: ClickRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (this.queue.length >= MAX_BATCH) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.queue.length);
    if (batch.length === 0) return;
    const now = new Date();
    this.db.execute(bulkInsert(clicks, batch.map((p) => withDefaults(p.row, now)))).then(
        () => batch.forEach((p) => p.resolve()),
        (err: unknown) => batch.forEach((p) => p.reject(err)),
      );
  }
}

const writers = new WeakMap<object, ClickWriter>();

export function writeClick(db: DbOrTx, row: ClickRow): Promise<void> {
  let writer = writers.get(db);
  if (!writer) {
    writer = new ClickWriter(db);
    writers.set(db, writer);
  }
  return writer.write(row);
}
