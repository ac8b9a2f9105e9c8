/**
 * The benchmark's own PostgreSQL database: created fresh, seeded through the same domain functions the
 * tests use (test/factories.ts), dropped at the end. Nothing here touches the developer's data.
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { migrateDb, openDb, type DbHandle } from "@/db/client";
import { links } from "@/db/schema";
import { localRunSettled } from "@/server/outbox/dispatch";
import { makeAdmin, makePartner, makeProgram } from "@/test/factories";

const ADMIN_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export type BenchDb = { name: string; url: string; sql: postgres.Sql; drop: () => Promise<void> };

/** CREATE DATABASE touchpoint_bench_<random>; `drop` is idempotent and forces other sessions out. */
export async function createBenchDb(): Promise<BenchDb> {
  const name = `touchpoint_bench_${randomBytes(5).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  // The bench's own connection for checks after each phase (the servers have their own pools).
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  let dropped = false;
  return {
    name,
    url,
    sql,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await sql.end({ timeout: 2 }).catch(() => {});
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 2 });
    },
  };
}

export type Seeded = { codes: string[]; token: string; offerId: string };

/** Migrations, one program + offer, `partners` approved partners; returns every link code of the offer. */
export async function seed(url: string, partners: number): Promise<Seeded> {
  const handle = await openDb({ url, dataDir: "unused", max: 4 });
  try {
    await migrateDb(handle);
    const db = handle.db;
    const admin = await makeAdmin(db);
    const { offerId, token } = await makeProgram(db);
    // Sign-up hashes a password with argon2 (~tens of ms): four at a time keeps seeding to seconds.
    for (let i = 0; i < partners; i += 4) {
      await Promise.all(Array.from({ length: Math.min(4, partners - i) }, () => makePartner(db, admin)));
    }
    const rows = await db.select({ code: links.code }).from(links).where(eq(links.offerId, offerId));
    if (rows.length !== partners) throw new Error(`expected ${partners} links, got ${rows.length}`);
    return { codes: rows.map((r) => r.code), token, offerId };
  } finally {
    // the sign-ups' mails went to the in-process runner: let its drain end before the handle closes under it
    await localRunSettled();
    await handle.close();
  }
}

/**
 * The cleanup every benchmark runs at its end and on Ctrl-C / SIGTERM: close the app's handle, then drop the
 * bench database (BENCH_KEEP_DB=1 keeps it). `current` reads the script's database and handle when it runs.
 */
export function dropOnExit(current: () => { db?: BenchDb; handle?: DbHandle }): () => Promise<void> {
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      const { db, handle } = current();
      await handle?.close().catch(() => {});
      if (process.env.BENCH_KEEP_DB === "1") {
        console.log(`BENCH_KEEP_DB=1: ${db?.name} kept; drop it yourself`);
        await db?.sql.end({ timeout: 2 });
        return;
      }
      await db?.drop().catch((err: unknown) => console.error(`could not drop ${db?.name}:`, err));
    })());
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      console.error(`\n${sig}: dropping the bench database...`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  return cleanup;
}

export const seconds = (t0: number) => (performance.now() - t0) / 1000;
export const verdict = (ok: boolean) => (ok ? "target met" : "MISSED");
