import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { commissions, conversions, fraudBlocks, ledgerEntries } from "@/db/schema";
import { addBlock, revokeBlock } from "@/server/fraud/blocks";
import { recordPostback } from "@/server/conversions/record-postback";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { processConversion } from "./functions/process-conversion";

type Output = {
  attribution: { conversionId: string; status: string; partnerId: string | null; reason: string };
  fraud: { checked: boolean; action?: string; fraudStatus?: string; codes?: string[] };
  accrual: { accrued: boolean; commissionId?: string; amount?: number; currency?: string; reason?: string };
};

describe.each(await drivers())("processConversion (Inngest) on %s", (driver) => {
  let t: TestDb;
  let token: string;
  let code: string;
  let partnerId: string;
  let programId: string;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    let offerId: string;
    ({ token, offerId, programId } = await makeProgram(t.db));
    ({ partnerId } = await makePartner(t.db, admin));
    code = await linkCode(t.db, partnerId, offerId);
  });
  afterAll(() => t.close());

  /** Records a conversion without running the outbox: Inngest is the only one to process it here. */
  async function recorded(event = "ftd") {
    const r = await recordPostback(t.db, { token, click_id: await click(t.db, code), event, txn_id: `inngest-${seq++}` });
    if (!r.ok || r.status !== "accepted") throw new Error("postback refused");
    return r.conversionId;
  }
  const run = async (conversionId: string) => {
    const engine = new InngestTestEngine({ function: processConversion.function });
    const out = await engine.execute({ events: [{ name: "conversion/recorded", data: { conversionId } }] });
    return { ...out, result: out.result as Output };
  };

  it("attributes the conversion and accrues the CPA, step by step", async () => {
    const conversionId = await recorded();
    const { result, ctx } = await run(conversionId);
    expect(result.attribution).toMatchObject({ conversionId, status: "attributed", partnerId });
    expect(result.accrual).toMatchObject({ accrued: true, amount: 20_000, currency: "USD" });
    const stepIds = ctx.step.run.mock.calls.map((c) => c[0]);
    expect(stepIds.indexOf("attribute")).toBeGreaterThanOrEqual(0);
    expect(stepIds.indexOf("fraud-check")).toBeGreaterThan(stepIds.indexOf("attribute"));
    expect(stepIds.indexOf("accrue-commission")).toBeGreaterThan(stepIds.indexOf("fraud-check"));
    expect(result.fraud).toMatchObject({ checked: true, action: "allow", fraudStatus: "clear", codes: [] });

    const rows = await t.db.select().from(commissions).where(eq(commissions.conversionId, conversionId));
    expect(rows).toEqual([expect.objectContaining({ id: result.accrual.commissionId, partnerId, amount: 20_000, currency: "USD" })]);
    const [conv] = await t.db.select().from(conversions).where(eq(conversions.id, conversionId));
    expect(conv).toMatchObject({ attributionStatus: "attributed", partnerId });
  });

  it("accrues nothing new when the same event is executed again", async () => {
    const conversionId = await recorded();
    const first = await run(conversionId);
    const again = await run(conversionId);
    expect(again.result.accrual).toEqual(first.result.accrual);
    const rows = await t.db.select().from(commissions).where(eq(commissions.conversionId, conversionId));
    expect(rows).toHaveLength(1);
    expect(await t.db.$count(ledgerEntries, eq(ledgerEntries.commissionId, rows[0]?.id ?? ""))).toBe(1);
  });

  it("checks for fraud before accrual: a rejected conversion accrues nothing, and a retry keeps the verdict", async () => {
    await addBlock(t.db, { programId, kind: "sub_id", value: "s1", partnerId, reason: "test block", actorId: null });
    try {
      const conversionId = await recorded();
      const { result } = await run(conversionId);
      expect(result.fraud).toMatchObject({ checked: true, action: "reject", fraudStatus: "rejected", codes: ["blocked_range"] });
      expect(result.accrual).toEqual({ accrued: false, reason: "rejected by fraud checks" });
      expect(await t.db.$count(commissions, eq(commissions.conversionId, conversionId))).toBe(0);
      expect((await run(conversionId)).result.fraud).toEqual(result.fraud);
    } finally {
      const [block] = await t.db.select().from(fraudBlocks).where(eq(fraudBlocks.programId, programId));
      if (block) await revokeBlock(t.db, { blockId: block.id, actorId: null });
    }
  });

  it("reports why a non-commission event earns nothing", async () => {
    const conversionId = await recorded("registration");
    const { result } = await run(conversionId);
    expect(result.attribution.status).toBe("attributed");
    expect(result.accrual).toEqual({ accrued: false, reason: "registration events earn nothing on this plan" });
    expect(await t.db.$count(commissions, eq(commissions.conversionId, conversionId))).toBe(0);
  });

  it("fails the run for a conversion that does not exist", async () => {
    const engine = new InngestTestEngine({ function: processConversion.function });
    const { error } = await engine.execute({ events: [{ name: "conversion/recorded", data: { conversionId: "cnv_missing" } }] });
    expect(String((error as { message?: string } | undefined)?.message ?? error)).toContain("conversion cnv_missing not found");
  });
});
