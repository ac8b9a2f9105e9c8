import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { clickFraudFindings } from "@/db/schema";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makeProgram } from "@/test/factories";
import { ago, BOT_UA, MINUTE, partnerOn, visit, type Partner } from "@/test/fraud-traffic";
import { scanClicksJob } from "./functions/scan-clicks";

describe.each(await drivers())("click sweep (Inngest) on %s", (driver) => {
  let t: TestDb;
  let partner: Partner;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    partner = await partnerOn(t.db, admin, await makeProgram(t.db));
  });
  afterAll(() => t.close());

  const run = async (trigger: "cron" | "event") => {
    const engine = new InngestTestEngine({ function: scanClicksJob.function });
    const event = trigger === "cron" ? { name: "inngest/scheduled.timer", data: { cron: "TZ=UTC * * * * *" } } : { name: "fraud/scan-clicks", data: {} };
    const events: [typeof event] = [event];
    const out = await engine.execute({ events });
    return { ...out, result: out.result as { scanned: number; flagged: number } };
  };

  it("records findings for bot clicks in one stable step, and a second run finds nothing new", async () => {
    const bot = await visit(t.db, partner, { ua: BOT_UA, at: ago(5 * MINUTE) });
    const human = await visit(t.db, partner, { at: ago(4 * MINUTE) });
    const { result, ctx } = await run("cron");
    expect(result).toEqual({ scanned: 2, flagged: 1 });
    expect(ctx.step.run.mock.calls.map((c) => c[0])).toEqual(["scan-clicks"]);
    const [finding] = await t.db.select().from(clickFraudFindings).where(eq(clickFraudFindings.clickId, bot.clickId));
    expect(finding?.hits.map((h) => h.code)).toEqual(["bot_user_agent"]);
    expect(await t.db.$count(clickFraudFindings, eq(clickFraudFindings.clickId, human.clickId))).toBe(0);
    expect((await run("event")).result).toEqual({ scanned: 0, flagged: 0 });
  });
});
