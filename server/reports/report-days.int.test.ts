import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/db/ids";
import { creatives } from "@/db/schema";
import { recordImpression } from "@/server/creatives/serve-creative";
import { updateProgram } from "@/server/programs/update-program";
import { recordClick } from "@/server/tracking/record-click";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { BROWSER_UA, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { runReport } from "./run-report";
import { drainRollups } from "./run-rollups";
import { reportQuerySchema } from "./schemas";

/**
 * Rollups keep each program's facts on the program's own days: a click at 23:30 UTC in a program on Athens time
 * belongs to the next day, in the day breakdown, in the range filter and in "unique per day".
 */
describe.each(await drivers())("report days on %s", (driver) => {
  let t: TestDb;
  let athens: Awaited<ReturnType<typeof makeProgram>>;
  let partnerIds: string[];
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    athens = await makeProgram(t.db);
    await updateProgram(t.db, { programId: athens.programId, name: "Athens", defaultCurrency: "EUR", timeZone: "Europe/Athens", signUpMode: "open_approval" });
    partnerIds = [(await makePartner(t.db, admin)).partnerId, (await makePartner(t.db, admin)).partnerId];
    const codes = [await linkCode(t.db, partnerIds[0]!, athens.offerId), await linkCode(t.db, partnerIds[1]!, athens.offerId)];
    // 22:30 and 23:30 UTC on the 15th and 00:30 on the 16th: all three on the 16th in Athens (UTC+2)
    const times = ["2026-01-15T22:30:00Z", "2026-01-15T23:30:00Z", "2026-01-16T00:30:00Z"];
    const ips = ["81.2.69.160", "81.2.69.160", "2.125.160.216", "89.160.20.112"];
    for (const [i, at] of times.entries())
      for (const [p, code] of codes.entries()) {
        const r = await recordClick(t.db, { code, ip: ips[(i + p) % ips.length]!, userAgent: BROWSER_UA, referrer: null, subs: [], visitorId: `vis_${String(p).repeat(26)}`, now: new Date(at) });
        if (!r.found) throw new Error("link");
      }
    await drainRollups(t.db);
  });
  afterAll(() => t.close());

  const q = (over: Record<string, unknown>) => reportQuerySchema.parse({ from: "2026-01-14", to: "2026-01-17", filters: { program: athens.programId }, ...over });

  it("dates clicks in the program's time zone, and counts a visitor once per local day", async () => {
    const r = await runReport(t.db, q({ dimensions: ["day"] }), { kind: "admin" });
    expect(r.timeZone).toBe("Europe/Athens");
    expect(r.rows.map((row) => [row.key.day, row.values.clicks, row.values.uniqueClicks])).toEqual([["2026-01-16", 6, 2]]);
    const fifteenth = await runReport(t.db, q({ from: "2026-01-15", to: "2026-01-15", dimensions: ["day"] }), { kind: "admin" });
    expect(fifteenth.totals.clicks).toBe(0);
  });

  it("counts a banner impression on the program's day too", async () => {
    const creativeId = newId("creative");
    await t.db.insert(creatives).values({ id: creativeId, offerId: athens.offerId, kind: "image", name: "Banner", fileKey: "banner.png", fileType: "image/png" });
    await recordImpression(t.db, creativeId, partnerIds[0]!, new Date("2026-01-15T23:30:00Z"));
    await recordImpression(t.db, creativeId, partnerIds[0]!, new Date("2026-01-15T12:00:00Z"));
    await drainRollups(t.db);
    const r = await runReport(t.db, q({ dimensions: ["day"] }), { kind: "admin" });
    expect(r.rows.map((row) => [row.key.day, row.values.impressions]).sort()).toEqual([["2026-01-15", 1], ["2026-01-16", 1]]);
    // a breakdown by a click attribute has no impressions to show: banners are counted per partner, not per click
    expect((await runReport(t.db, q({ dimensions: ["country"] }), { kind: "admin" })).totals.impressions).toBe(0);
  });

  it("answers program-wide breakdowns from the offer-level grain with the same numbers as the partners' own", async () => {
    const all = await runReport(t.db, q({ dimensions: ["country", "device"] }), { kind: "admin" });
    expect(all.totals.clicks).toBe(6);
    const summed = new Map<string, number>();
    for (const partnerId of partnerIds) {
      const mine = await runReport(t.db, q({ dimensions: ["country", "device"] }), { kind: "partner", partnerId });
      for (const row of mine.rows) summed.set(`${row.key.country}|${row.key.device}`, (summed.get(`${row.key.country}|${row.key.device}`) ?? 0) + row.values.clicks);
    }
    expect(new Map(all.rows.map((row) => [`${row.key.country}|${row.key.device}`, row.values.clicks]))).toEqual(summed);
    expect(all.rows.length).toBeGreaterThan(1);
  });

  it("says each program's dates are its own when programs' zones differ", async () => {
    const other = await makeProgram(t.db);
    const r = await runReport(t.db, reportQuerySchema.parse({ from: "2026-01-14", to: "2026-01-17" }), { kind: "admin" });
    expect(r.timeZone).toBe("each program's time zone");
    expect(r.totals.clicks).toBe(6);
    const one = await runReport(t.db, reportQuerySchema.parse({ from: "2026-01-14", to: "2026-01-17", filters: { program: other.programId } }), { kind: "admin" });
    expect(one.timeZone).toBe("UTC");
  });

  it("refuses a zone the database does not know, naming the field", async () => {
    await expect(updateProgram(t.db, { programId: athens.programId, name: "Athens", defaultCurrency: "EUR", timeZone: "Mars/Olympus_Mons", signUpMode: "open_approval" })).rejects.toMatchObject({ code: "BAD_REQUEST", field: "timeZone" });
  });
});
