import { getTableColumns, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { clicks } from "@/db/schema";

type ClickRow = typeof clicks.$inferInsert;
type Pending = { row: ClickRow; resolve: () => void; reject: (err: unknown) => void };

const MAX_BATCH = 500;

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const COLUMNS = Object.keys(getTableColumns(clicks)).map((key) => ({ key: key as keyof ClickRow, name: snake(key) }));
const COLUMN_LIST = sql.raw(COLUMNS.map((c) => `"${c.name}"`).join(", "));

/**
 * The batch as one JSON parameter, expanded by PostgreSQL into rows of the table's own type. Building a
 * 25-column multi-row INSERT through the query builder cost more CPU than the rest of the redirect.
 */
function insertBatch(db: DbOrTx, rows: ClickRow[]) {
  const now = new Date();
  const json = JSON.stringify(
    rows.map((row) => Object.fromEntries(COLUMNS.map(({ key, name }) => [name, row[key] ?? (key === "isBot" ? false : key === "createdAt" ? now : null)]))),
  );
  return db.execute(sql`insert into ${clicks} (${COLUMN_LIST}) select ${COLUMN_LIST} from jsonb_populate_recordset(null::clicks, ${json}::jsonb)`);
}

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
    insertBatch(
      this.db,
      batch.map((p) => p.row),
    ).then(
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
