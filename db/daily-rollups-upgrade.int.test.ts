import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDb, rowsOf, type DbHandle } from "@/db/client";
import { newId } from "@/db/ids";
import { drivers } from "@/test/db";
import { installBefore, seedOldInstall } from "@/test/upgrade-db";

describe.each(await drivers())("migration 0018 (daily rollups in each program's zone) on an existing install on %s", (driver) => {
  let handle: DbHandle;
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ handle, close } = await installBefore(driver, 18));
  }, 60_000);
  afterAll(() => close());

  it("carries hourly click counts to the program's days, adds the offer-level grains, and refolds conversions from raw data", async () => {
    const db = handle.db;
    const old = await seedOldInstall(db, { timeZone: "Europe/Athens" });
    const program = { programId: old.programId, offerId: old.offerId };
    const partnerId = old.partnerId;
    const hourly = async (grain: string, hour: string, d1: string, clicks: number, uniques: number, event = "", conversions = 0) =>
      db.execute(sql`insert into report_rollups (grain, bucket, program_id, offer_id, partner_id, link_id, d1, d2, event, currency, clicks, unique_clicks, conversions)
        values (${grain}, ${hour}::timestamptz, ${program.programId}, ${program.offerId}, ${partnerId}, '', ${d1}, '', ${event}, ${event ? "USD" : ""}, ${clicks}, ${uniques}, ${conversions})`);
    // 22:00 and 23:00 UTC on the 15th are the 16th in Athens; 21:00 is still the 15th there
    await hourly("country", "2026-01-15T22:00:00Z", "GR", 2, 1);
    await hourly("country", "2026-01-15T23:00:00Z", "GR", 3, 2);
    await hourly("country", "2026-01-15T21:00:00Z", "GR", 1, 1);
    await hourly("sub1", "2026-01-15T23:00:00Z", "mail", 4, 4);
    await hourly("country", "2026-01-15T23:00:00Z", "GR", 0, 0, "ftd", 1);
    const conversionId = newId("conversion");
    await db.execute(sql`insert into conversions (id, program_id, offer_id, partner_id, event, occurred_at, params, txn_id, amount, currency)
      values (${conversionId}, ${program.programId}, ${program.offerId}, ${partnerId}, 'ftd', '2026-01-15T23:10:00Z', '{}'::jsonb, 'up-1', 5000, 'USD')`);
    await db.execute(sql`delete from report_dirty`);
    await db.execute(sql`insert into report_folded (entity, facts) values (${conversionId}, '[]'::jsonb)`);

    await migrateDb(handle);

    const rows = rowsOf<{ grain: string; day: string; partner_id: string; d1: string; event: string; clicks: string; unique_clicks: string }>(
      await db.execute(sql`select grain, to_char(day, 'YYYY-MM-DD') as day, partner_id, d1, event, clicks::text, unique_clicks::text from report_rollups order by grain, day`),
    );
    expect(rows.map((r) => [r.grain, r.day, r.partner_id === partnerId ? "partner" : r.partner_id, r.d1, r.event, Number(r.clicks), Number(r.unique_clicks)])).toEqual([
      ["country", "2026-01-15", "partner", "GR", "", 1, 1],
      ["country", "2026-01-16", "partner", "GR", "", 5, 3],
      ["offer_country", "2026-01-15", "", "GR", "", 1, 1],
      ["offer_country", "2026-01-16", "", "GR", "", 5, 3],
      ["sub1", "2026-01-16", "partner", "mail", "", 4, 4],
    ]);
    const folded = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from report_folded`));
    expect(folded[0]?.n).toBe(0);
    const dirty = rowsOf<{ entity: string }>(await db.execute(sql`select entity from report_dirty`));
    expect(dirty.map((d) => d.entity)).toEqual([conversionId]);
  });
});
