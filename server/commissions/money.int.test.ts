import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { commissionPlanVersions, commissions, conversions, ledgerEntries, ngrSettlements, notifications, offers, partners, payoutBatches, planAssignments } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { approvePayoutBatch, markBatchFailed, markBatchPaid } from "@/server/payouts/batch-status";
import { createPayoutBatch } from "@/server/payouts/create-payout-batch";
import { batchCsv, batchPaypalCsv } from "@/server/payouts/export";
import { savePayoutDetails } from "@/server/payouts/payout-details";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, EPOCH, makeAdmin, makePartner, partnerOnPlan } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { adjustBalance } from "./adjust-balance";
import { autoApproveDue } from "./auto-approve";
import { getBalances } from "./get-balances";
import { addPlanVersion, assignPlan, createPlan } from "./manage-plans";
import type { PlanTerms } from "./plans/types";
import { approveCommissions } from "./review-commissions";
import { settleNgr } from "./settle-ngr";

const DAY = 86_400_000;

describe.each(await drivers())("commission plans, the ledger and payouts on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
  });
  afterEach(() => expectLedgerInvariants(t.db));
  afterAll(() => t.close());

  const setup = (terms: PlanTerms, offer: Partial<typeof offers.$inferInsert> = {}) => partnerOnPlan(t.db, admin, terms, offer);
  type Setup = Awaited<ReturnType<typeof setup>>;

  /** click -> postback -> the conversion's background job; returns the conversion id. */
  async function report(s: Setup, params: Record<string, string>, at = new Date()) {
    const clickId = await click(t.db, s.code, new Date(at.getTime() - 60_000));
    const r = await recordPostback(t.db, { token: s.token, click_id: clickId, txn_id: `m-${seq++}`, occurred_at: at.toISOString(), ...params }, { now: at > new Date() ? at : new Date() });
    if (!r.ok || r.status !== "accepted") throw new Error(`postback refused: ${JSON.stringify(r)}`);
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    return r.conversionId;
  }
  const commissionsOf = (conversionId: string) => t.db.select().from(commissions).where(eq(commissions.conversionId, conversionId)).orderBy(commissions.kind);
  const noteOf = async (conversionId: string) => (await t.db.select({ n: conversions.commissionNote }).from(conversions).where(eq(conversions.id, conversionId)))[0]?.n;

  it("pays by the plan version in force when the event happened, and never edits a version", async () => {
    const s = await setup({ currency: "USD", components: { cpa: { event: "ftd", amount: 10_000n } } });
    const change = new Date(Date.now() + 2 * DAY);
    await addPlanVersion(t.db, { planId: s.planId, terms: { currency: "USD", components: { cpa: { event: "ftd", amount: 12_500n } } }, effectiveFrom: change, note: "Raised for Q1", actorId: admin.id });
    const before = await report(s, { event: "ftd" }, new Date(Date.now() - DAY));
    expect((await commissionsOf(before)).map((c) => c.amount)).toEqual([10_000]);
    // the partner was told, with the new terms and the admin's note
    const [notice] = await t.db.select().from(notifications).where(and(eq(notifications.partnerId, s.partnerId), eq(notifications.kind, "terms_changed")));
    expect(notice?.body).toContain("125.00 USD per FTD");
    expect(notice?.body).toContain("Raised for Q1");
    // a change cannot reach into the past, and the database refuses edits of the history
    await expect(addPlanVersion(t.db, { planId: s.planId, terms: { currency: "USD", components: { cpa: { event: "ftd", amount: 1n } } }, effectiveFrom: new Date(Date.now() - DAY), note: "oops", actorId: admin.id })).rejects.toMatchObject({ code: "BAD_REQUEST", field: "effectiveFrom" });
    await expect(t.db.update(commissionPlanVersions).set({ note: "edited" }).where(eq(commissionPlanVersions.planId, s.planId))).rejects.toThrow();
    await expect(t.db.delete(planAssignments).where(eq(planAssignments.planId, s.planId))).rejects.toThrow();
  });

  it("prefers the partner's own plan to the offer's default", async () => {
    const s = await setup({ currency: "USD", components: { cpa: { event: "ftd", amount: 10_000n } } });
    const vip = await createPlan(t.db, { programId: s.programId, name: `VIP ${seq++}`, terms: { currency: "USD", components: { cpa: { event: "ftd", amount: 30_000n } } }, actorId: admin.id });
    await assignPlan(t.db, { programId: s.programId, planId: vip.planId, partnerId: s.partnerId, offerId: s.offerId, note: "VIP deal", actorId: admin.id });
    const id = await report(s, { event: "ftd" });
    const [c] = await commissionsOf(id);
    expect(c).toMatchObject({ amount: 30_000, lines: [{ component: "cpa", basis: "CPA for FTD: 300.00 USD", amount: 30_000 }] });
  });

  it("pays nothing for an event that does not qualify, and records why", async () => {
    const s = await setup({ currency: "USD", components: { cpa: { event: "ftd", amount: 20_000n } } }, { qualification: { minDeposit: "5000", oncePerCustomer: true } });
    const small = await report(s, { event: "ftd", amount: "49.99", customer_id: "c-small" });
    expect(await commissionsOf(small)).toEqual([]);
    expect(await noteOf(small)).toBe("CPA not paid: deposit 49.99 USD is below the 50.00 USD minimum for FTD");
    const first = await report(s, { event: "ftd", amount: "50.00", customer_id: "c-once" });
    expect((await commissionsOf(first)).map((c) => c.amount)).toEqual([20_000]);
    const again = await report(s, { event: "ftd", amount: "80.00", customer_id: "c-once" });
    expect(await commissionsOf(again)).toEqual([]);
    expect(await noteOf(again)).toContain("already earned a CPA");
  });

  it("prices tiers by the month's volume, a hybrid's revshare and per-lot rebates", async () => {
    const tiered = await setup({
      currency: "USD",
      components: { cpa: { event: "ftd", amount: 10_000n }, revshare: { events: ["deposit"], rateBp: 2500 }, tiers: { metric: "ftd_count", event: "ftd", appliesTo: "cpa", tiers: [{ from: 1, to: 2, amount: 10_000n }, { from: 3, to: null, amount: 15_000n }] } },
    });
    const month = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1, 12));
    const amounts = [];
    for (let i = 0; i < 3; i++) amounts.push((await commissionsOf(await report(tiered, { event: "ftd" }, new Date(month.getTime() + i * 60_000))))[0]?.amount);
    expect(amounts).toEqual([10_000, 10_000, 15_000]);
    const dep = await report(tiered, { event: "deposit", amount: "123.45" });
    expect((await commissionsOf(dep))[0]).toMatchObject({ amount: 3086, lines: [{ component: "revshare", basis: "25% of 123.45 USD deposit = 30.86 USD" }] });

    const fx = await setup({ currency: "USD", components: { lots: { event: "trade", groups: [{ name: "Majors", instruments: ["EURUSD"], ratePerLot: 800n }], defaultRatePerLot: 300n } } });
    const trade = await report(fx, { event: "trade", lots: "2.5", instrument: "eurusd" });
    expect((await commissionsOf(trade))[0]).toMatchObject({ amount: 2000, lines: [{ component: "lots", basis: "2.5 lots × 8.00 USD (Majors) = 20.00 USD" }] });
    const other = await report(fx, { event: "trade", lots: "1", instrument: "XAUUSD" });
    expect((await commissionsOf(other))[0]?.amount).toBe(300);
  });

  it("pays multi-tier overrides up the sponsor chain, and reverses them with the commission", async () => {
    const s = await setup({ currency: "USD", components: { cpa: { event: "sale", amount: 10_000n }, multiTier: { levels: [1000, 500] } } });
    const parent = await makePartner(t.db, admin);
    const grand = await makePartner(t.db, admin);
    await t.db.update(partners).set({ parentPartnerId: parent.partnerId }).where(eq(partners.id, s.partnerId));
    await t.db.update(partners).set({ parentPartnerId: grand.partnerId }).where(eq(partners.id, parent.partnerId));
    const txn = `sale-${seq++}`;
    const clickId = await click(t.db, s.code);
    const r = await recordPostback(t.db, { token: s.token, click_id: clickId, event: "sale", txn_id: txn });
    if (!r.ok || r.status !== "accepted") throw new Error("refused");
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    const rows = await commissionsOf(r.conversionId);
    expect(rows.map((c) => [c.kind, c.partnerId, c.amount, c.level])).toEqual([
      ["event", s.partnerId, 10_000, null],
      ["override", parent.partnerId, 1_000, 1],
      ["override", grand.partnerId, 500, 2],
    ]);
    // a refund of the transaction reverses the commission and both overrides
    const refund = await recordPostback(t.db, { token: s.token, click_id: clickId, event: "refund", txn_id: txn });
    if (!refund.ok || refund.status !== "accepted") throw new Error("refused");
    await processConversionSteps(t.db, immediateSteps, { conversionId: refund.conversionId });
    const reversals = await t.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.type, "reversal"), sql`${ledgerEntries.commissionId} in (${sql.join(rows.map((c) => sql`${c.id}`), sql`, `)})`));
    expect(reversals.map((e) => e.amount).sort((a, b) => a - b)).toEqual([-10_000, -1_000, -500]);
    expect(await noteOf(refund.conversionId)).toBe(`reversed 3 commissions of transaction ${txn}`);
  });

  it("holds commissions for the offer's period, then approves them automatically unless fraud checks flagged them", async () => {
    const s = await setup({ currency: "USD", components: { cpa: { event: "ftd", amount: 5_000n } } }, { holdDays: 7, autoApprove: true });
    const clean = (await commissionsOf(await report(s, { event: "ftd" })))[0]!;
    const flaggedConv = await report(s, { event: "ftd" });
    await t.db.update(conversions).set({ fraudStatus: "flagged" }).where(eq(conversions.id, flaggedConv));
    const flagged = (await commissionsOf(flaggedConv))[0]!;
    const early = await approveCommissions(t.db, { commissionIds: [clean.id], actorId: admin.id });
    expect(early.changed).toEqual([]);
    expect(early.skipped[0]?.reason).toMatch(/^on hold until \d{4}-\d{2}-\d{2}$/);
    const later = new Date(Date.now() + 8 * DAY);
    expect((await autoApproveDue(t.db, later)).approved).toBeGreaterThanOrEqual(1);
    const entries = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.commissionId, clean.id));
    expect(entries.filter((e) => e.type === "approval").map((e) => [e.bucket, e.amount, e.source, e.reason])).toEqual([
      ["pending", -5_000, "system", "approved automatically after the 7-day hold"],
      ["approved", 5_000, "system", "approved automatically after the 7-day hold"],
    ]);
    expect(await t.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.commissionId, flagged.id), eq(ledgerEntries.type, "approval")))).toEqual([]);
    // an admin may approve the flagged one (a flag is a warning); a held one waits for the fraud review
    await t.db.update(conversions).set({ fraudStatus: "held" }).where(eq(conversions.id, flaggedConv));
    expect((await approveCommissions(t.db, { commissionIds: [flagged.id], actorId: admin.id, now: later })).skipped[0]?.reason).toBe("fraud review: held");
  });

  it("pays approved balances in batches: threshold, payout details, failure, a refund after payout netted next time", async () => {
    const s = await setup({ currency: "GBP", components: { cpa: { event: "ftd", amount: 4_000n } } });
    const conv = [await report(s, { event: "ftd" }), await report(s, { event: "ftd" })];
    const ids = (await Promise.all(conv.map(commissionsOf))).flat().map((c) => c.id);
    await approveCommissions(t.db, { commissionIds: ids.slice(0, 1), actorId: admin.id });
    // 40.00 GBP is below the 50.00 default minimum; and without payout details nobody is paid
    await expect(createPayoutBatch(t.db, { currency: "GBP", actorId: admin.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await approveCommissions(t.db, { commissionIds: ids.slice(1), actorId: admin.id });
    await expect(createPayoutBatch(t.db, { currency: "GBP", actorId: admin.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await t.db.update(partners).set({ name: "=HYPERLINK(\"http://evil\")" }).where(eq(partners.id, s.partnerId));
    await savePayoutDetails(t.db, s.partnerId, { method: "paypal", email: "pay@partner.example" });
    const first = await createPayoutBatch(t.db, { currency: "GBP", actorId: admin.id });
    expect(first).toMatchObject({ partnerCount: 1, itemCount: 2, total: 8_000 });
    // exports: formula-safe CSV, and PayPal's header-less mass payment lines
    const csv = await batchCsv(t.db, first.batchId!);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(await batchPaypalCsv(t.db, first.batchId!)).toBe(`pay@partner.example,80.00,GBP,${s.partnerId},Touchpoint payout ${first.batchId}\n`);
    // the payment failed: the entries return to the balance and the next batch takes them
    await markBatchFailed(t.db, { batchId: first.batchId!, reason: "PayPal account limited", actorId: admin.id });
    const second = await createPayoutBatch(t.db, { currency: "GBP", actorId: admin.id });
    expect(second).toMatchObject({ itemCount: 2, total: 8_000 });
    await approvePayoutBatch(t.db, { batchId: second.batchId!, actorId: admin.id });
    await markBatchPaid(t.db, { batchId: second.batchId!, reference: "PP-1", actorId: admin.id });
    expect((await getBalances(t.db, s.partnerId))[0]).toEqual({ currency: "GBP", pending: 0, approved: 0, paid: 8_000 });

    // a chargeback after payout leaves a negative approved balance, netted by the next payout
    const [original] = await t.db.select({ txnId: conversions.txnId }).from(conversions).where(eq(conversions.id, conv[0]!));
    const cb = await recordPostback(t.db, { token: s.token, click_id: await click(t.db, s.code), event: "chargeback", txn_id: original!.txnId });
    if (!cb.ok || cb.status !== "accepted") throw new Error("refused");
    await processConversionSteps(t.db, immediateSteps, { conversionId: cb.conversionId });
    expect((await getBalances(t.db, s.partnerId))[0]).toEqual({ currency: "GBP", pending: 0, approved: -4_000, paid: 8_000 });
    await adjustBalance(t.db, { partnerId: s.partnerId, currency: "GBP", amount: 2_500, reason: "Bonus for the November campaign", actorId: admin.id });
    for (let i = 0; i < 2; i++) {
      const [c] = await commissionsOf(await report(s, { event: "ftd" }));
      await approveCommissions(t.db, { commissionIds: [c!.id], actorId: admin.id });
    }
    const third = await createPayoutBatch(t.db, { currency: "GBP", actorId: admin.id });
    expect(third).toMatchObject({ total: 8_000 - 4_000 + 2_500 });
    await approvePayoutBatch(t.db, { batchId: third.batchId!, actorId: admin.id });
    await markBatchPaid(t.db, { batchId: third.batchId!, reference: "PP-2", actorId: admin.id });
    expect((await getBalances(t.db, s.partnerId))[0]).toEqual({ currency: "GBP", pending: 0, approved: 0, paid: 8_000 + 6_500 });
    const statuses = await t.db.select({ status: payoutBatches.status }).from(payoutBatches).where(sql`${payoutBatches.id} in (${first.batchId}, ${second.batchId}, ${third.batchId})`).orderBy(payoutBatches.id);
    expect(statuses.map((b) => b.status)).toEqual(["failed", "paid", "paid"]);
  });

  it("settles NGR monthly with negative months carried forward", async () => {
    const s = await setup({ currency: "EUR", components: { ngr: { rateBp: 3000, carryover: "carry_forward" } } });
    const y = new Date().getUTCFullYear() - 1;
    const at = (m: number, d: number) => new Date(Date.UTC(y, m, d, 12));
    await report(s, { event: "ngr", amount: "-300.00", customer_id: "p1" }, at(0, 10));
    await report(s, { event: "ngr", amount: "100.00", customer_id: "p2" }, at(0, 11));
    await report(s, { event: "ngr", amount: "500.00", customer_id: "p1" }, at(1, 5));
    const jan = await settleNgr(t.db, s.programId, `${y}-01-01`);
    const feb = await settleNgr(t.db, s.programId, `${y}-02-01`);
    expect(jan.map((x) => x.commission)).toEqual([0n]);
    expect(feb.map((x) => x.commission)).toEqual([9_000n]); // 30% × (500 − 200 carried)
    expect(await settleNgr(t.db, s.programId, `${y}-02-01`)).toEqual([]); // settled once
    const rows = await t.db.select().from(ngrSettlements).where(eq(ngrSettlements.partnerId, s.partnerId)).orderBy(ngrSettlements.month);
    expect(rows.map((r) => [r.ngrTotal, r.carryIn, r.base, r.commission, r.carryOut])).toEqual([
      [-20_000, 0, -20_000, 0, -20_000],
      [50_000, -20_000, 30_000, 9_000, 0],
    ]);
    expect(rows[1]?.statement.join("\n")).toContain("Base: 500.00 EUR + carried -200.00 EUR = 300.00 EUR");
    const [c] = await t.db.select().from(commissions).where(eq(commissions.settlementId, rows[1]!.id));
    expect(c).toMatchObject({ kind: "settlement", amount: 9_000, currency: "EUR", conversionId: null });
  });

  it("approves a commission once when two admins approve it at the same time", async () => {
    const s = await setup({ currency: "USD", components: { cpa: { event: "ftd", amount: 1_500n } } });
    const [c] = await commissionsOf(await report(s, { event: "ftd" }));
    const results = await Promise.all([approveCommissions(t.db, { commissionIds: [c!.id], actorId: admin.id }), approveCommissions(t.db, { commissionIds: [c!.id], actorId: admin.id })]);
    expect(results.map((x) => x.changed.length).sort()).toEqual([0, 1]);
    expect((await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.commissionId, c!.id))).filter((e) => e.type === "approval")).toHaveLength(2);
  });

  it("assignments for the past are refused, and factories may backdate only as the system", async () => {
    const s = await setup({ currency: "USD", components: { cpa: { event: "ftd", amount: 1_000n } } });
    await expect(assignPlan(t.db, { programId: s.programId, planId: s.planId, partnerId: s.partnerId, offerId: null, effectiveFrom: EPOCH, note: "backdated", actorId: admin.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
