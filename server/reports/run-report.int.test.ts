import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clicks, commissions, conversions, partnerGroupMembers, partnerGroups, partners } from "@/db/schema";
import { lastEntryType, statusOf } from "@/server/commissions/commission-status";
import { approveCommissions } from "@/server/commissions/review-commissions";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { recordClick } from "@/server/tracking/record-click";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { BROWSER_UA, linkCode, makeAdmin, makePartner, makeProgram, visitorIp } from "@/test/factories";
import { reportCsvFile } from "./report-csv";
import { runReport } from "./run-report";
import { drainRollups } from "./run-rollups";
import { reportQuerySchema } from "./schemas";

const HOUR = 3_600_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

describe.each(await drivers())("reports agree with raw data on %s", (driver) => {
  let t: TestDb;
  let program: Awaited<ReturnType<typeof makeProgram>>;
  let partnerIds: string[];
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    program = await makeProgram(t.db, { commissionEvent: "ftd", cpaAmount: 7_000 });
    partnerIds = [(await makePartner(t.db, admin)).partnerId, (await makePartner(t.db, admin)).partnerId];
    let n = 0;
    for (const [i, partnerId] of partnerIds.entries()) {
      const code = await linkCode(t.db, partnerId, program.offerId);
      for (let k = 0; k < 12 + i * 5; k++) {
        const r = await recordClick(t.db, { code, ip: visitorIp(), userAgent: BROWSER_UA, referrer: null, subs: [["mail", "social", ""][k % 3]!], visitorId: `vis_${String(k % 4).repeat(26)}`, now: new Date(Date.now() - (k * 7 + 2) * HOUR) });
        if (!r.found) throw new Error("link");
        if (k % 4 === 0) {
          const p = await recordPostback(t.db, { token: program.token, click_id: r.clickId, event: "ftd", txn_id: `x-${n++}`, amount: `${k + 1}.25` });
          if (!p.ok || p.status !== "accepted") throw new Error("postback");
          await processConversionSteps(t.db, immediateSteps, { conversionId: p.conversionId });
        }
      }
    }
    const some = await t.db.select({ id: commissions.id }).from(commissions).limit(2);
    await approveCommissions(t.db, { commissionIds: some.map((c) => c.id), actorId: admin.id, now: new Date(Date.now() + 400 * 24 * HOUR) });
    await drainRollups(t.db);
  });
  afterAll(() => t.close());

  const range = () => ({ from: day(new Date(Date.now() - 40 * 24 * HOUR)), to: day(new Date(Date.now() + 24 * HOUR)) });

  it("clicks, unique clicks, conversions, revenue and commissions by partner and by sub1, to the unit", async () => {
    const rawClicks = await t.db.select().from(clicks).where(eq(clicks.offerId, program.offerId));
    const rawConversions = await t.db.select().from(conversions).where(eq(conversions.offerId, program.offerId));
    const rawCommissions = await t.db.select({ partnerId: commissions.partnerId, amount: commissions.amount, conversionId: commissions.conversionId, last: lastEntryType }).from(commissions).where(eq(commissions.offerId, program.offerId));
    const clickById = new Map(rawClicks.map((c) => [c.id, c]));

    const byPartner = await runReport(t.db, reportQuerySchema.parse({ ...range(), dimensions: ["partner"], filters: { program: program.programId } }), { kind: "admin" });
    for (const partnerId of partnerIds) {
      const row = byPartner.rows.find((r) => r.key.partner === partnerId);
      const mine = rawClicks.filter((c) => c.partnerId === partnerId);
      const uniques = new Set(mine.map((c) => `${c.visitorId}|${c.linkId}|${day(c.createdAt)}`)).size;
      const convs = rawConversions.filter((c) => c.partnerId === partnerId);
      const coms = rawCommissions.filter((c) => c.partnerId === partnerId);
      const sumBy = (s: string) => coms.filter((c) => statusOf(c.last) === s).reduce((a, c) => a + c.amount, 0);
      expect(row?.values).toMatchObject({ clicks: mine.length, uniqueClicks: uniques, conversions: convs.length, byEvent: { ftd: convs.length } });
      expect(row?.values.revenue.USD).toBe(convs.reduce((a, c) => a + (c.amount ?? 0), 0));
      expect(row?.values.commissionPending.USD ?? 0).toBe(sumBy("pending"));
      expect(row?.values.commissionApproved.USD ?? 0).toBe(sumBy("approved"));
      expect(row?.values.margin.USD).toBe(row!.values.revenue.USD! - sumBy("pending") - sumBy("approved"));
      expect(row?.label.partner).toMatch(/^Partner /);
    }
    expect(byPartner.totals.clicks).toBe(rawClicks.length);
    expect(byPartner.totals.commissionApproved.USD ?? 0).toBeGreaterThan(0);

    const bySub = await runReport(t.db, reportQuerySchema.parse({ ...range(), dimensions: ["sub1"], filters: { partner: partnerIds[1] } }), { kind: "admin" });
    for (const sub of ["mail", "social", ""]) {
      const mine = rawClicks.filter((c) => c.partnerId === partnerIds[1] && (c.sub1 ?? "") === sub);
      const convs = rawConversions.filter((c) => c.partnerId === partnerIds[1] && (clickById.get(c.clickId ?? "")?.sub1 ?? "") === sub);
      const row = bySub.rows.find((r) => r.key.sub1 === sub);
      expect(row?.values.clicks ?? 0).toBe(mine.length);
      expect(row?.values.conversions ?? 0).toBe(convs.length);
    }
  });

  it("breaks down by partner type and group: a partner in two groups counts in each, the totals once", async () => {
    const [p0, p1] = partnerIds as [string, string];
    await t.db.update(partners).set({ type: "influencer" }).where(eq(partners.id, p1));
    await t.db.insert(partnerGroups).values([
      { id: `pgr_gold_${driver}`, name: `Gold ${driver}` },
      { id: `pgr_silver_${driver}`, name: `Silver ${driver}` },
    ]);
    await t.db.insert(partnerGroupMembers).values([
      { groupId: `pgr_gold_${driver}`, partnerId: p0 },
      { groupId: `pgr_silver_${driver}`, partnerId: p0 },
    ]);
    const rawClicks = await t.db.select({ partnerId: clicks.partnerId }).from(clicks).where(eq(clicks.offerId, program.offerId));
    const clicksOf = (id: string) => rawClicks.filter((c) => c.partnerId === id).length;
    const run = (extra: object) => runReport(t.db, reportQuerySchema.parse({ ...range(), filters: { program: program.programId }, ...extra }), { kind: "admin" });

    const byType = await run({ dimensions: ["partner_type"] });
    expect(Object.fromEntries(byType.rows.map((r) => [r.key.partner_type, r.values.clicks]))).toEqual({ affiliate: clicksOf(p0), influencer: clicksOf(p1) });

    const byGroup = await run({ dimensions: ["partner_group"] });
    const group = (key: string) => byGroup.rows.find((r) => r.key.partner_group === key);
    expect(group(`pgr_gold_${driver}`)?.values.clicks).toBe(clicksOf(p0));
    expect(group(`pgr_silver_${driver}`)?.values.clicks).toBe(clicksOf(p0));
    expect(group(`pgr_gold_${driver}`)?.label.partner_group).toBe(`Gold ${driver}`);
    expect(group("")?.values.clicks).toBe(clicksOf(p1));
    expect(group("")?.label.partner_group).toBe("(no group)");
    expect(byGroup.totals.clicks).toBe(rawClicks.length);

    const gold = await run({ dimensions: ["partner"], filters: { program: program.programId, partner_group: `pgr_gold_${driver}` } });
    expect(gold.rows.map((r) => r.key.partner)).toEqual([p0]);
    expect(gold.totals.clicks).toBe(clicksOf(p0));

    await expect(runReport(t.db, reportQuerySchema.parse({ ...range(), dimensions: ["partner_type"] }), { kind: "partner", partnerId: p1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("exports every row of a report as CSV, not one page of it", async () => {
    const q = reportQuerySchema.parse({ ...range(), dimensions: ["sub1"], filters: { partner: partnerIds[1] }, pageSize: 1 });
    const paged = await runReport(t.db, q, { kind: "admin" });
    expect(paged.rows).toHaveLength(1);
    expect(paged.total).toBe(3);
    const all = await runReport(t.db, q, { kind: "admin" }, { allRows: true });
    const csv = reportCsvFile(all).csv.trim().split("\n");
    // header, one line per sub1 value (mail, social, none), totals
    expect(csv).toHaveLength(1 + 3 + 1);
    expect(csv.slice(1, 4).map((line) => line.split(",")[0]).sort()).toEqual(["(none)", "mail", "social"]);
    expect(csv.at(-1)?.startsWith("Total,")).toBe(true);
  });

  it("a partner sees only their own rows, without revenue or margin, whatever the filters ask", async () => {
    const [mine, other] = partnerIds as [string, string];
    const r = await runReport(t.db, reportQuerySchema.parse({ ...range(), dimensions: ["partner"], filters: { partner: other } }), { kind: "partner", partnerId: mine });
    expect(r.rows).toEqual([]);
    const own = await runReport(t.db, reportQuerySchema.parse({ ...range(), dimensions: ["day"], compare: true }), { kind: "partner", partnerId: mine });
    expect(own.totals.clicks).toBe(12);
    expect(own.totals.revenue).toEqual({});
    expect(own.metrics).not.toContain("margin");
    expect(own.previousTotals?.clicks).toBe(0);
  });

  it("refuses a breakdown no rollup keeps, naming the field", async () => {
    await expect(runReport(t.db, reportQuerySchema.parse({ ...range(), dimensions: ["sub1", "country"] }), { kind: "admin" })).rejects.toMatchObject({ field: "dimensions" });
  });
});

