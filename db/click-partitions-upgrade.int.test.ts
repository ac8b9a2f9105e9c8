import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickPartitionName, monthStart } from "@/db/click-partitions";
import { migrateDb, rowsOf, type DbHandle } from "@/db/client";
import { newId } from "@/db/ids";
import { drivers } from "@/test/db";
import { BROWSER_UA } from "@/test/factories";
import { installBefore, seedOldInstall } from "@/test/upgrade-db";

describe.each(await drivers())("migration 0017 (clicks partitioned by month) on an existing install on %s", (driver) => {
  let handle: DbHandle;
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    ({ handle, close } = await installBefore(driver, 17));
  }, 60_000);
  afterAll(() => close());

  it("moves every click into its month with its transaction id, keeps conversions' click ids, and drops the foreign keys", async () => {
    const db = handle.db;
    const old = await seedOldInstall(db);
    const now = new Date();
    const times = [now, new Date(monthStart(now, -2).getTime() + 3_600_000), new Date(monthStart(now, -7).getTime() + 86_400_000)];
    const ids: string[] = [];
    for (const at of times) {
      const id = newId("click", at.getTime());
      await db.execute(sql`insert into clicks (id, link_id, partner_id, offer_id, ip, user_agent, created_at) values (${id}, ${old.linkId}, ${old.partnerId}, ${old.offerId}, '203.0.113.7', ${BROWSER_UA}, ${at.toISOString()}::timestamptz)`);
      ids.push(id);
    }
    await db.execute(sql`insert into conversions (id, program_id, offer_id, event, occurred_at, params, txn_id, click_id) values (${newId("conversion")}, ${old.programId}, ${old.offerId}, 'ftd', ${now.toISOString()}::timestamptz, '{}'::jsonb, 'u-1', ${ids[2]!})`);
    const before = rowsOf<{ id: string; txid: string }>(await db.execute(sql`select id, txid::text as txid from clicks order by id`));

    await migrateDb(handle);

    const after = rowsOf<{ id: string; txid: string; part: string }>(await db.execute(sql`select id, txid::text as txid, tableoid::regclass::text as part from clicks order by id`));
    expect(after.map(({ id, txid }) => ({ id, txid }))).toEqual(before);
    for (const [i, at] of times.entries()) expect(after.find((r) => r.id === ids[i])?.part).toBe(clickPartitionName(monthStart(at)));
    const [kind] = rowsOf<{ relkind: string }>(await db.execute(sql`select relkind from pg_class where oid = 'clicks'::regclass`));
    expect(kind?.relkind).toBe("p");
    const fks = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from pg_constraint where contype = 'f' and confrelid = 'clicks'::regclass`));
    expect(fks[0]?.n).toBe(0);
    // every index the hot paths use exists on each partition
    const idx = rowsOf<{ name: string }>(await db.execute(sql`select indexrelid::regclass::text as name from pg_index where indrelid = ${clickPartitionName(monthStart(now, -7))}::regclass`));
    expect(idx).toHaveLength(6);
    const [cv] = rowsOf<{ click_id: string }>(await db.execute(sql`select click_id from conversions`));
    expect(cv?.click_id).toBe(ids[2]);
    // the months between the oldest click and three months ahead all exist
    const parts = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from pg_inherits where inhparent = 'clicks'::regclass`));
    expect(parts[0]?.n).toBe(7 + 1 + 3 + 1);
  });
});
