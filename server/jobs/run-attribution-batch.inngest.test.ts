import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { attributionRuns, attributions, commissions } from "@/db/schema";
import { recordPostback } from "@/server/conversions/record-postback";
import { startRun } from "@/server/attribution/runs";
import { setProgramAttribution } from "@/server/attribution/set-attribution";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { recordClick } from "@/server/tracking/record-click";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { runAttributionBatch } from "./functions/run-attribution-batch";

describe.each(await drivers())("runAttributionBatch (Inngest) on %s", (driver) => {
  let t: TestDb;
  let programId: string;
  let adminId: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    adminId = admin.id;
    const p = await makeProgram(t.db);
    programId = p.programId;
    const a = await makePartner(t.db, admin);
    const b = await makePartner(t.db, admin);
    const visitorId = `vis_${"7".repeat(26)}`;
    const now = Date.now();
    await recordClick(t.db, { code: await linkCode(t.db, b.partnerId, p.offerId), ip: null, userAgent: "t", referrer: null, subs: [], visitorId, now: new Date(now - 86_400_000) });
    const last = await recordClick(t.db, { code: await linkCode(t.db, a.partnerId, p.offerId), ip: null, userAgent: "t", referrer: null, subs: [], visitorId, now: new Date(now - 3_600_000) });
    if (!last.found) throw new Error("link");
    const r = await recordPostback(t.db, { token: p.token, click_id: last.clickId, event: "ftd", txn_id: "inngest-run-1" });
    if (!r.ok || r.status !== "accepted") throw new Error("postback");
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
  });
  afterAll(() => t.close());

  const execute = (runId: string) => new InngestTestEngine({ function: runAttributionBatch.function }).execute({ events: [{ name: "attribution/run", data: { runId } }] });
  const range = { from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };

  it("re-attributes a period once: a second execution of the same run changes nothing", async () => {
    await setProgramAttribution(t.db, { programId, model: { model: "linear" }, priority: ["click", "customer_binding", "coupon"] });
    const { runId } = await startRun(t.db, { programId, kind: "reattribute", params: { ...range, reason: "switch to linear" }, actorId: adminId });
    const first = await execute(runId);
    expect(first.result).toEqual({ status: "done" });
    const [run] = await t.db.select().from(attributionRuns).where(eq(attributionRuns.id, runId));
    expect(run).toMatchObject({ status: "done", done: 1, total: 1, result: { conversions: 1, reattributed: 1, paidUnchanged: 0 } });
    const counts = async () => ({ records: await t.db.$count(attributions), commissions: await t.db.$count(commissions) });
    const before = await counts();
    expect(before).toEqual({ records: 2, commissions: 3 });
    expect((await execute(runId)).result).toEqual({ status: "done" });
    expect(await counts()).toEqual(before);
  });
});
