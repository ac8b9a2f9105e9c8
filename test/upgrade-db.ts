import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { MIGRATIONS_DIR, openDb, type DbHandle } from "@/db/client";

const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * A database migrated only up to (not including) migration `idx`: an existing install to upgrade with
 * `migrateDb(handle)`. PGlite in memory, or a fresh PostgreSQL database dropped by `close`.
 */
export async function installBefore(driver: "pglite" | "postgres", idx: number): Promise<{ handle: DbHandle; close: () => Promise<void> }> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `touchpoint-m${idx}-`));
  fs.cpSync(MIGRATIONS_DIR, folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx < idx);
  fs.writeFileSync(journalFile, JSON.stringify(journal));

  let handle: DbHandle;
  let drop: () => Promise<void> = async () => {};
  if (driver === "pglite") handle = await openDb({ dataDir: "memory://" });
  else {
    const { default: postgres } = await import("postgres");
    const name = `touchpoint_test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    handle = await openDb({ url: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), dataDir: "unused" });
    drop = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    };
  }
  if (handle.kind === "postgres") await (await import("drizzle-orm/postgres-js/migrator")).migrate(handle.db as never, { migrationsFolder: folder });
  else await (await import("drizzle-orm/pglite/migrator")).migrate(handle.db as never, { migrationsFolder: folder });
  fs.rmSync(folder, { recursive: true, force: true });
  return {
    handle,
    close: async () => {
      await handle.close();
      await drop();
    },
  };
}

/**
 * A program, an offer, an approved partner and their link written with plain SQL, naming only columns every
 * migration since 0010 has: the factories go through today's domain code, which reads tables an older install
 * does not have yet.
 */
export async function seedOldInstall(db: DbHandle["db"], opts: { timeZone?: string } = {}) {
  const tag = randomBytes(4).toString("hex");
  const ids = { programId: `prg_old${tag}`, offerId: `off_old${tag}`, userId: `usr_old${tag}`, partnerId: `ptr_old${tag}`, linkId: `lnk_old${tag}`, code: `old${tag}` };
  await db.execute(sql`insert into programs (id, name, default_currency, postback_token, postback_token_hash) values (${ids.programId}, 'Old program', 'USD', ${`t${tag}`}, ${`h${tag}`})`);
  if (opts.timeZone) await db.execute(sql`update programs set time_zone = ${opts.timeZone} where id = ${ids.programId}`);
  await db.execute(sql`insert into offers (id, program_id, name, landing_url, currency) values (${ids.offerId}, ${ids.programId}, 'Old offer', 'https://lp.example.com/?cid={click_id}', 'USD')`);
  await db.execute(sql`insert into users (id, email, name, role, password_hash) values (${ids.userId}, ${`old-${tag}@test.example`}, 'Old partner', 'partner', 'x')`);
  await db.execute(sql`insert into partners (id, user_id, name, status) values (${ids.partnerId}, ${ids.userId}, 'Old partner', 'approved')`);
  await db.execute(sql`insert into links (id, partner_id, offer_id, code) values (${ids.linkId}, ${ids.partnerId}, ${ids.offerId}, ${ids.code})`);
  return ids;
}
