import path from "node:path";
import { migrateDb, openDb, type Db, type DbHandle } from "@/db/client";
import { config } from "./config";

type Holder = { handle?: Promise<DbHandle>; override?: Db };
// globalThis survives dev hot reload: PGlite must be opened once per process (it has no file locking).
const holder = ((globalThis as { __touchpointDb?: Holder }).__touchpointDb ??= {});

/** The process-wide database, opened and migrated on first use. */
export async function getDb(): Promise<Db> {
  if (holder.override) return holder.override;
  holder.handle ??= (async () => {
    const c = config();
    const handle = await openDb({ url: c.databaseUrl, dataDir: path.resolve(c.dataDir, "pglite") });
    await migrateDb(handle);
    return handle;
  })();
  return (await holder.handle).db;
}

/** Tests and scripts that open their own database hand it to the code that calls getDb(). */
export function setDb(db: Db | undefined): void {
  holder.override = db;
}

/** Closes the process-wide database (on shutdown), so PGlite flushes and releases its directory. */
export async function closeDb(): Promise<void> {
  const pending = holder.handle;
  holder.handle = undefined;
  if (pending) await (await pending).close();
}
