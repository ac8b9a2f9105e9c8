import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makeProgram } from "@/test/factories";
import { convert, DAY, MINUTE, partnerOn, visit, type Partner, type Program } from "@/test/fraud-traffic";
import { historyStatement, loadHistories, offerMedianClicksPerConversion, type HistoryQuery } from "./load-history";

describe.each(await drivers())("the offer's median clicks per conversion on %s", (driver) => {
  let t: TestDb;
  let program: Program;
  let partner: Partner;
  const dayStart = new Date(Math.floor(Date.now() / DAY) * DAY);
  const yesterday = new Date(dayStart.getTime() - 12 * 60 * MINUTE);

  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    program = await makeProgram(t.db);
    partner = await partnerOn(t.db, admin, program);
    // yesterday: four clicks and one conversion, so four clicks per conversion
    let last = "";
    for (let i = 0; i < 4; i++) last = (await visit(t.db, partner, { at: new Date(yesterday.getTime() + i * MINUTE) })).clickId;
    await convert(t.db, program, { click_id: last, at: new Date(yesterday.getTime() + 30 * MINUTE) });
  });
  afterAll(() => t.close());

  it("counts up to the start of the day only, so clicks later that day do not change it", async () => {
    const at = new Date(dayStart.getTime() + 60 * MINUTE);
    const m = { offerId: program.offerId, at, days: 30 };
    expect(await offerMedianClicksPerConversion(t.db, m)).toBe(4);
    // today's clicks come in; the figure for today, worked out again once the cached one expired, is the same
    for (let i = 0; i < 4; i++) await visit(t.db, partner, { at: new Date(dayStart.getTime() + (i + 1) * MINUTE) });
    expect(await offerMedianClicksPerConversion(t.db, m, Date.now() + 11 * MINUTE)).toBe(4);
    // tomorrow's figure counts them
    expect(await offerMedianClicksPerConversion(t.db, { ...m, at: new Date(at.getTime() + DAY) }, Date.now() + 22 * MINUTE)).toBe(8);
  });
});

/** Rows the plan's scans of clicks and conversions read and threw away ("Rows Removed by Filter" is per loop). */
function rowsFilteredOut(plan: unknown): number {
  let n = 0;
  const walk = (node: Record<string, unknown>) => {
    const relation = String(node["Relation Name"] ?? "");
    if (relation.startsWith("clicks") || relation === "conversions") n += Number(node["Rows Removed by Filter"] ?? 0) * Number(node["Actual Loops"] ?? 1);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk(plan as Record<string, unknown>);
  return n;
}

describe.each(await drivers())("the partner's history on %s", (driver) => {
  let t: TestDb;
  let program: Program;
  let mine: Partner;

  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    program = await makeProgram(t.db);
    mine = await partnerOn(t.db, admin, program);
    const busy = await partnerOn(t.db, admin, program);
    const { clickId } = await visit(t.db, busy, { at: new Date(Date.now() - DAY) });
    // the statistics are taken while the table holds one click and one sale (a new month's partition after its
    // first few rows)...
    await convert(t.db, program, { click_id: clickId, amount: "100.00", at: new Date(Date.now() - DAY + MINUTE) });
    await t.db.execute(sql`analyze clicks`);
    await t.db.execute(sql`analyze conversions`);
    // ... then another partner's burst on the same offer: 3,000 clicks and 3,000 sales, copies of the first
    const columns = async (table: string) =>
      rowsOf<{ name: string }>(await t.db.execute(sql`select column_name as name from information_schema.columns where table_name = ${table} and column_name not in ('id', 'txn_id') order by ordinal_position`))
        .map((c) => `"${c.name}"`)
        .join(", ");
    const clickColumns = await columns("clicks");
    await t.db.execute(sql.raw(`insert into clicks (id, ${clickColumns}) select 'clk_burst_' || g, ${clickColumns} from clicks, generate_series(1, 3000) g`));
    const conversionColumns = (await columns("conversions")).replace(`"refund_id", `, "");
    await t.db.execute(
      sql.raw(`insert into conversions (id, txn_id, refund_id, ${conversionColumns}) select 'conv_burst_' || g, 'burst-' || g, '', ${conversionColumns} from conversions, generate_series(1, 3000) g`),
    );
    // mine: two clicks on the offer in the window
    for (let i = 0; i < 2; i++) await visit(t.db, mine, { at: new Date(Date.now() - 2 * 60 * MINUTE + i * MINUTE) });
  });
  afterAll(() => t.close());

  it("reads the partner's own rows only, whatever the statistics say", async () => {
    const q: HistoryQuery = {
      programId: program.programId,
      offerId: program.offerId,
      partnerId: mine.partnerId,
      conversionId: "conv_none",
      at: new Date(),
      click: null,
      customerId: null,
      customerIp: null,
      windows: { duplicateSeconds: 3600, customerDays: 30, registrationSeconds: 3600, clickSpamDays: 7, refundDays: 30, followUpAfterDays: 7 },
    };
    const [history] = await loadHistories(t.db, [q]);
    expect(history?.clickStats.clicks).toBe(2);
    expect(history?.refunds.sales).toBe(0);
    const [row] = rowsOf<{ "QUERY PLAN": unknown }>(await t.db.execute(sql`explain (analyze, format json) ${historyStatement([q])}`));
    const plan = typeof row?.["QUERY PLAN"] === "string" ? JSON.parse(row["QUERY PLAN"]) : row?.["QUERY PLAN"];
    // the other partner's 3,000 clicks and 3,000 sales are not read (an offer's or program's index would read them all)
    expect(rowsFilteredOut((plan as { Plan: unknown }[])[0]!.Plan)).toBeLessThan(100);
  });
});
