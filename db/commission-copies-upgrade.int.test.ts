import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDb, rowsOf, type DbHandle } from "@/db/client";
import type { ResolvedPlan } from "@/server/commissions/plan-book";
import { readContexts, type ConversionFacts } from "@/server/commissions/quote";
import { drivers } from "@/test/db";
import { installBefore, seedOldInstall } from "@/test/upgrade-db";

const HOUR = 3_600_000;

describe.each(await drivers())("migration 0027 (a commission's copies of its conversion) on an existing install on %s", (driver) => {
  let handle: DbHandle;
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    ({ handle, close } = await installBefore(driver, 27));
  }, 60_000);
  afterAll(() => close());

  it("fills in the commissions already there, keeps filling new ones whoever writes them, and a tier's volume counts them", async () => {
    const db = handle.db;
    const old = await seedOldInstall(db);
    const month = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
    const at = (hours: number) => new Date(month.getTime() + hours * HOUR).toISOString();
    const conversion = (id: string, event: string, amount: number | null, hours: number) =>
      db.execute(sql`insert into conversions (id, program_id, offer_id, event, txn_id, amount, currency, occurred_at, params)
        values (${id}, ${old.programId}, ${old.offerId}, ${event}, ${id}, ${amount}, ${amount === null ? null : "USD"}, ${at(hours)}::timestamptz, '{}'::jsonb)`);
    const commission = (id: string, conversionId: string | null, hours: number, kind = "event") =>
      db.execute(sql`insert into commissions (id, kind, conversion_id, partner_id, offer_id, amount, currency, occurred_at)
        values (${id}, ${kind}, ${conversionId}, ${old.partnerId}, ${old.offerId}, 1000, 'USD', ${at(hours)}::timestamptz)`);
    await conversion("cv_ftd1", "ftd", 5000, 1);
    await conversion("cv_reg", "registration", null, 2);
    await commission("cm_ftd1", "cv_ftd1", 1);
    await commission("cm_reg", "cv_reg", 2);
    await commission("cm_ngr", null, 3, "settlement");

    await migrateDb(handle);

    // written after the upgrade with plain SQL, as an import or another process would
    await conversion("cv_ftd2", "ftd", 7000, 4);
    await commission("cm_ftd2", "cv_ftd2", 4);
    const rows = rowsOf<{ id: string; conversion_program_id: string | null; conversion_event: string | null; conversion_amount: string | null }>(
      await db.execute(sql`select id, conversion_program_id, conversion_event, conversion_amount::text from commissions order by id`),
    );
    expect(rows).toEqual([
      { id: "cm_ftd1", conversion_program_id: old.programId, conversion_event: "ftd", conversion_amount: "5000" },
      { id: "cm_ftd2", conversion_program_id: old.programId, conversion_event: "ftd", conversion_amount: "7000" },
      { id: "cm_ngr", conversion_program_id: null, conversion_event: null, conversion_amount: null },
      { id: "cm_reg", conversion_program_id: old.programId, conversion_event: "registration", conversion_amount: null },
    ]);

    // a third FTD later in the month: two earlier FTDs credited to the partner, and itself
    const plan = { planId: "pln_x", planName: "Tiers", versionId: "plv_x", version: 1, scope: "test", terms: { currency: "USD", components: { tiers: { metric: "ftd_count", event: "ftd", appliesTo: "cpa", tiers: [{ from: 1, to: null, amount: 100n }] } } } } as unknown as ResolvedPlan;
    const facts: ConversionFacts = { id: "cv_ftd3", programId: old.programId, offerId: old.offerId, event: "ftd", txnId: "t3", amount: 900, currency: "USD", occurredAt: new Date(at(5)), customerId: null, params: {} };
    const [ctx] = await readContexts(db, [{ plan, partnerId: old.partnerId, facts, rules: {}, offerCurrency: "USD" }]);
    expect(ctx?.periodVolume).toEqual({ ftdCount: 3, eventCount: 3, amountSum: 12_900n });
    // at the first FTD's time only that one (itself excluded by id) and the new one count
    const [early] = await readContexts(db, [{ plan, partnerId: old.partnerId, facts: { ...facts, occurredAt: new Date(at(1)) }, rules: {}, offerCurrency: "USD" }]);
    expect(early?.periodVolume).toEqual({ ftdCount: 2, eventCount: 2, amountSum: 5900n });
  });
});
