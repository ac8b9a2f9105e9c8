import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissions, ledgerEntries, payoutBatches } from "@/db/schema";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { savePayoutDetails } from "@/server/payouts/payout-details";
import { duePeriod, isoWeek } from "@/server/payouts/scheduled-batches";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { moneySchedule } from "./functions/money-schedule";

describe("the payout schedule", () => {
  it("is due from the configured day of the month or week, once per period", () => {
    const at = (iso: string) => new Date(iso);
    expect(duePeriod({ frequency: "monthly", day: 1 }, at("2026-11-01T00:00:00Z"))).toBe("2026-11");
    expect(duePeriod({ frequency: "monthly", day: 15 }, at("2026-11-14T23:59:59Z"))).toBeNull();
    expect(duePeriod({ frequency: "monthly", day: 15 }, at("2026-11-15T00:00:00Z"))).toBe("2026-11");
    expect(duePeriod({ frequency: "weekly", day: 1 }, at("2026-11-23T08:00:00Z"))).toBe("2026-W48");
    expect(duePeriod({ frequency: "weekly", day: 5 }, at("2026-11-23T08:00:00Z"))).toBeNull(); // a Monday, due on Friday
    expect(duePeriod({ frequency: "manual", day: 1 }, at("2026-11-23T08:00:00Z"))).toBeNull();
    expect(isoWeek(at("2027-01-01T12:00:00Z"))).toBe("2026-W53");
    expect(isoWeek(at("2026-01-01T12:00:00Z"))).toBe("2026-W01");
  });
});

describe.each(await drivers())("moneySchedule (Inngest) on %s", (driver) => {
  let t: TestDb;
  let commissionId: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    const p = await makeProgram(t.db, { currency: "SEK", cpaAmount: 90_000, autoApprove: true, holdDays: 0 });
    const { partnerId } = await makePartner(t.db, admin);
    await savePayoutDetails(t.db, partnerId, { method: "bank_transfer", accountHolder: "Partner AB", iban: "SE45 5000 0000 0583 9825 7466", bic: null });
    const r = await recordPostback(t.db, { token: p.token, click_id: await click(t.db, await linkCode(t.db, partnerId, p.offerId)), event: "ftd", txn_id: "schedule-1" });
    if (!r.ok || r.status !== "accepted") throw new Error("postback");
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    const [c] = await t.db.select().from(commissions).where(eq(commissions.conversionId, r.conversionId));
    commissionId = c!.id;
  });
  afterAll(() => t.close());

  const run = () => new InngestTestEngine({ function: moneySchedule.function }).execute({ events: [{ name: "inngest/scheduled.timer", data: {} }] });

  it("approves what the hold released and makes this period's batch, once however often it runs", async () => {
    const first = await run();
    expect(first.error).toBeUndefined();
    expect(first.result).toMatchObject({ approved: 1 });
    const approvals = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.commissionId, commissionId));
    expect(approvals.filter((e) => e.type === "approval")).toHaveLength(2);
    const second = await run();
    expect(second.result).toMatchObject({ approved: 0, batches: [] });
    const batches = await t.db.select().from(payoutBatches).where(eq(payoutBatches.currency, "SEK"));
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ status: "draft", scheduled: true, total: 90_000, createdBy: null, period: duePeriod({ frequency: "monthly", day: 1 }, new Date()) });
    await expectLedgerInvariants(t.db);
  });
});
