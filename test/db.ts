import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import type { Db, Listen } from "@/db/client";
import { migrateDb, openDb } from "@/db/client";
import * as schema from "@/db/schema";
import { setDb } from "@/server/db";
import { localRunSettled } from "@/server/outbox/dispatch";

export type Driver = "pglite" | "postgres";
export type TestDb = { db: Db; driver: Driver; listen: Listen; close: () => Promise<void> };

const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function postgresReachable(): Promise<boolean> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(PG_ADMIN_URL, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** PGlite always; PostgreSQL at 127.0.0.1:5432 whenever it answers (CI requires it: see .ci/run). */
export async function drivers(): Promise<Driver[]> {
  if (process.env.TEST_REQUIRE_POSTGRES === "1" || (await postgresReachable())) return ["pglite", "postgres"];
  console.warn("PostgreSQL at 127.0.0.1:5432 is not reachable: running against PGlite only");
  return ["pglite"];
}

/** A fresh, migrated database that belongs to this test file alone; `close` drops it. */
export async function createTestDb(driver: Driver): Promise<TestDb> {
  if (driver === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const blob = new Blob([fs.readFileSync(inject("pgliteTemplate"))]);
    const client = await PGlite.create({ loadDataDir: blob });
    const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
    const listen: Listen = async (channel, onMessage) => {
      const unlisten = await client.listen(channel, onMessage);
      return () => unlisten();
    };
    setDb(db, listen);
    return {
      db,
      driver,
      listen,
      close: async () => {
        await localRunSettled();
        await client.close();
      },
    };
  }
  const { default: postgres } = await import("postgres");
  const name = `touchpoint_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const handle = await openDb({ url: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), dataDir: "unused", max: 20 });
  await migrateDb(handle);
  setDb(handle.db, handle.listen);
  return {
    db: handle.db,
    driver,
    listen: handle.listen,
    close: async () => {
      await localRunSettled();
      setDb(undefined);
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
