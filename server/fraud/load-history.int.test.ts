import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makeProgram } from "@/test/factories";
import { convert, DAY, MINUTE, partnerOn, visit, type Partner, type Program } from "@/test/fraud-traffic";
import { offerMedianClicksPerConversion } from "./load-history";

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
