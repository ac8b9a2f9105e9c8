/**
 * npm run reports:rebuild: recomputes every report rollup from the raw clicks, conversions and ledger.
 * With the embedded database, stop the server first (PGlite allows one process per data directory).
 * On PostgreSQL it may run beside the app: the rollup worker waits for it.
 */
import path from "node:path";
import { migrateDb, openDb } from "../db/client";
import { rebuildRollups } from "../server/reports/rebuild-rollups";

async function main() {
  // one transaction folds every click (a statement per program day), then the conversions are refolded: on a large
  // install that runs for minutes, past the app's statement and idle-in-transaction timeouts
  const handle = await openDb({ url: process.env.DATABASE_URL || undefined, dataDir: path.resolve(process.env.DATA_DIR || "./data", "pglite"), max: 2, longStatements: true });
  try {
    await migrateDb(handle);
    const started = Date.now();
    const { clicks } = await rebuildRollups(handle.db, { drainTimeoutMs: 6 * 3_600_000 });
    console.log(`Report rollups rebuilt from ${clicks} clicks in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
