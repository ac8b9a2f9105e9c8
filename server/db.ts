import path from "node:path";
import { migrateDb, openDb, type Db, type DbHandle, type Listen } from "@/db/client";
import { config } from "./config";

type Holder = { handle?: Promise<DbHandle>; override?: Db; overrideListen?: Listen };
// globalThis survives dev hot reload: PGlite must be opened once per process (it has no file locking).
const holder = ((globalThis as { __touchpointDb?: Holder }).__touchpointDb ??= {});

/** The process-wide database, opened and migrated on first use. */
export async function getDb(): Promise<Db> {
  if (holder.override) return holder.override;
  if (!holder.handle) {
    const opening = (async () => {
      const c = config();
      const handle = await openDb({ url: c.databaseUrl, dataDir: path.resolve(c.dataDir, "pglite") });
      try {
        await migrateDb(handle);
      } catch (err) {
        await handle.close().catch(() => {});
        throw err;
      }
      return handle;
    })();
    holder.handle = opening;
    // A failed open (the database was down at start-up) is not kept: the next request tries again.
    opening.catch(() => {
      if (holder.handle === opening) holder.handle = undefined;
    });
  }
  return (await holder.handle).db;
}

/** Tests and scripts that open their own database hand it to the code that calls getDb() (and getListen()). */
export function setDb(db: Db | undefined, listen?: Listen): void {
  holder.override = db;
  holder.overrideListen = listen;
}

/** LISTEN on the process-wide database (PostgreSQL's NOTIFY, or PGlite's own in-process channel). */
export async function getListen(): Promise<Listen> {
  if (holder.override) {
    if (!holder.overrideListen) throw new Error("this database was handed over without a way to LISTEN");
    return holder.overrideListen;
  }
  await getDb();
  return (await holder.handle!).listen;
}

/** Closes the process-wide database (on shutdown), so PGlite flushes and releases its directory. */
export async function closeDb(): Promise<void> {
  const pending = holder.handle;
  holder.handle = undefined;
  if (pending) await (await pending).close();
}
