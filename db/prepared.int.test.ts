import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type DbHandle } from "@/db/client";
import { openDb } from "@/db/client";
import { drivers } from "@/test/db";
import { MAX_PARAMS } from "./prepared";

const PG_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

// PostgreSQL only: PGlite has no wire protocol. One connection, so the session's prepared statements are visible.
describe.runIf((await drivers()).includes("postgres"))("queries through drizzle on postgres.js", () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openDb({ url: PG_URL, dataDir: "unused", max: 1 });
  });
  afterAll(() => h.close());

  const preparedLike = async (db: DbHandle["db"], marker: string) =>
    rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from pg_prepared_statements where statement like ${`%${marker}%`} and statement not like '%pg_prepared_statements%'`))[0]?.n;

  it("run as named statements when they have parameters (one round trip after the first), in and out of transactions", async () => {
    const marker = `m${Date.now()}`;
    for (let i = 0; i < 3; i++) expect(rowsOf<{ v: number }>(await h.db.execute(sql`select ${i}::int as v, ${marker}::text as ${sql.raw(marker)}`))).toEqual([{ v: i, [marker]: marker }]);
    expect(await preparedLike(h.db, marker)).toBe(1);

    const inTx = `t${marker}`;
    await h.db.transaction(async (tx) => {
      await tx.execute(sql`select ${1}::int as ${sql.raw(inTx)}`);
      expect(await preparedLike(tx as unknown as DbHandle["db"], inTx)).toBe(1);
    });
  });

  it("are still planned for their own values (custom plans), with JIT off", async () => {
    const [row] = rowsOf<{ plan_cache_mode: string; jit: string }>(await h.db.execute(sql`select current_setting(${"plan_cache_mode"}) as plan_cache_mode, current_setting(${"jit"}) as jit`));
    expect(row).toEqual({ plan_cache_mode: "force_custom_plan", jit: "off" });
  });

  it("leave bulk statements (more than MAX_PARAMS parameters) and parameterless ones unprepared", async () => {
    const marker = `b${Date.now()}`;
    const many = Array.from({ length: MAX_PARAMS + 1 }, (_, i) => sql`${i}`);
    const [row] = rowsOf<{ n: number }>(await h.db.execute(sql`select array_length(array[${sql.join(many, sql`, `)}]::int[], 1) as n, 1 as ${sql.raw(marker)}`));
    expect(row?.n).toBe(MAX_PARAMS + 1);
    await h.db.execute(sql.raw(`select 1 as n${marker}`));
    expect(await preparedLike(h.db, marker)).toBe(0);
  });
});
