import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makeProgram } from "@/test/factories";
import { convert, DAY, MINUTE, partnerOn, visit, type Partner, type Program } from "@/test/fraud-traffic";
import { explainNodes, rowsFilteredOut } from "@/test/explain";
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

  it("is the figure PostgreSQL's percentile_cont gives over the whole window, with facts at midnight on the right side", async () => {
    // the statement the median was read with before it was read day by day: the reference
    const reference = async (offerId: string, at: Date, days: number) => {
      const start = Math.floor(at.getTime() / DAY) * DAY;
      const [from, to] = [new Date(start - days * DAY).toISOString(), new Date(start).toISOString()];
      const [row] = rowsOf<{ median: number | string | null }>(
        await t.db.execute(sql`
          with k as (
            select partner_id, count(*) as n from clicks where offer_id = ${offerId} and created_at > ${from}::timestamptz and created_at <= ${to}::timestamptz group by partner_id
          ), v as (
            select partner_id, count(*) as n from conversions
            where offer_id = ${offerId} and attribution_status = 'attributed' and partner_id is not null and event not in ('refund', 'chargeback')
              and occurred_at > ${from}::timestamptz and occurred_at <= ${to}::timestamptz group by partner_id
          )
          select percentile_cont(0.5) within group (order by k.n::float8 / v.n) as median from k join v using (partner_id)`),
      );
      return row?.median === null || row?.median === undefined ? null : Number(row.median);
    };
    const own = await makeProgram(t.db);
    const admin = await makeAdmin(t.db);
    const [a, b, c, d] = [await partnerOn(t.db, admin, own), await partnerOn(t.db, admin, own), await partnerOn(t.db, admin, own), await partnerOn(t.db, admin, own)];
    const base = dayStart.getTime() - 5 * DAY;
    // clicks and conversions over four days; some exactly at a day's start, which belongs to the day before
    const plan: [Partner, number, number][] = [
      [a, 0, 3], [a, 1, 0], [a, 2, 4], [b, 0, 1], [b, 1, 2], [b, 3, 7], [c, 2, 5], [c, 3, 2], [d, 1, 9],
    ];
    for (const [p, day, clicks] of plan) {
      let last = "";
      for (let i = 0; i < clicks; i++) last = (await visit(t.db, p, { at: new Date(base + day * DAY + (i === 0 ? 0 : i * 7 * MINUTE)) })).clickId;
      if (last && p !== d) await convert(t.db, own, { click_id: last, at: new Date(base + (day + 1) * DAY - (day === 2 ? 0 : 30 * MINUTE)) });
    }
    for (const offset of [0, 1, 2, 3, 4, 5]) {
      const at = new Date(base + offset * DAY + 3 * 60 * MINUTE);
      for (const days of [1, 2, 30]) {
        const want = await reference(own.offerId, at, days);
        expect({ offset, days, median: await offerMedianClicksPerConversion(t.db, { offerId: own.offerId, at, days }, Date.now() + 60 * MINUTE) }).toEqual({ offset, days, median: want });
      }
    }
    // the reference is not trivially null: the whole window has three partners with clicks and conversions
    expect(await reference(own.offerId, new Date(base + 5 * DAY), 30)).not.toBeNull();
  });
});

describe.each(await drivers())("the partner's history on %s", (driver) => {
  let t: TestDb;
  let program: Program;
  let mine: Partner;
  let admin: Awaited<ReturnType<typeof makeAdmin>>;

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
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

  const queryFor = (partnerId: string, at = new Date()): HistoryQuery => ({
    programId: program.programId,
    offerId: program.offerId,
    partnerId,
    conversionId: "conv_none",
    at,
    click: null,
    customerId: null,
    customerIp: null,
    windows: { duplicateSeconds: 3600, customerDays: 30, registrationSeconds: 3600, clickSpamDays: 7, refundDays: 30, followUpAfterDays: 7 },
  });

  it("counts a sale refunded or charged back by the conversion's time once, and not one reversed after it", async () => {
    const seller = await partnerOn(t.db, admin, program);
    const at = new Date(Date.now() - DAY);
    const hours = (h: number) => new Date(at.getTime() + h * 60 * MINUTE);
    const sale = async (txn: string, when: Date) => {
      const { clickId } = await visit(t.db, seller, { at: new Date(when.getTime() - MINUTE) });
      await convert(t.db, program, { click_id: clickId, txn_id: txn, amount: "100.00", at: when });
      return clickId;
    };
    const reverse = (clickId: string, txn: string, event: string, refundId: string, when: Date) =>
      convert(t.db, program, { click_id: clickId, txn_id: txn, event, refund_id: refundId, amount: "10.00", at: when });
    const tag = `${driver}-${Date.now()}`;
    // twice refunded (partial refunds) before the time: one refunded sale
    const one = await sale(`one-${tag}`, hours(-3));
    await reverse(one, `one-${tag}`, "refund", "r1", hours(-1));
    await reverse(one, `one-${tag}`, "refund", "r2", hours(-0.5));
    // charged back after the time: not yet
    const two = await sale(`two-${tag}`, hours(-2.5));
    await reverse(two, `two-${tag}`, "chargeback", "c1", hours(1));
    // charged back before it
    const three = await sale(`three-${tag}`, hours(-2));
    await reverse(three, `three-${tag}`, "chargeback", "c1", hours(-1 / 6));
    const [history] = await loadHistories(t.db, [queryFor(seller.partnerId, at)]);
    expect(history?.refunds).toEqual({ sales: 3, refunds: 1, chargebacks: 1 });
    // a day later all three count, the late chargeback too
    const [later] = await loadHistories(t.db, [queryFor(seller.partnerId, hours(24))]);
    expect(later?.refunds).toEqual({ sales: 3, refunds: 1, chargebacks: 2 });
  });

  it("reads the partner's own rows only, whatever the statistics say", async () => {
    const q = queryFor(mine.partnerId);
    const [history] = await loadHistories(t.db, [q]);
    expect(history?.clickStats.clicks).toBe(2);
    expect(history?.refunds.sales).toBe(0);
    const nodes = await explainNodes(t.db, historyStatement([q]));
    // the other partner's 3,000 clicks and 3,000 sales are not read (an offer's or program's index would read them all)
    expect(rowsFilteredOut(nodes, (name) => name.startsWith("clicks") || name === "conversions")).toBeLessThan(100);
  });
});
