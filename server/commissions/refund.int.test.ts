import { and, eq, isNull } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { attributions, commissions, conversions, offers } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { approvePayoutBatch, markBatchPaid } from "@/server/payouts/batch-status";
import { createPayoutBatch } from "@/server/payouts/create-payout-batch";
import { savePayoutDetails } from "@/server/payouts/payout-details";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, makeAdmin, partnerOnPlan } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { lastEntryType } from "./commission-status";
import { getBalances } from "./get-balances";
import type { PlanTerms } from "./plans/types";
import { approveCommissions, rejectCommissions } from "./review-commissions";

// A refund or chargeback for part of an event's amount re-prices the event's commissions on what is left,
// instead of taking all of it away; one without an amount, or for everything left, still reverses in full.
describe.each(await drivers())("partial refunds on %s", (driver) => {
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
  async function report(s: Setup, params: Record<string, string>) {
    const r = await recordPostback(t.db, { token: s.token, click_id: await click(t.db, s.code), ...params });
    if (!r.ok || r.status !== "accepted") throw new Error(`postback refused: ${JSON.stringify(r)}`);
    const job = await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    return { conversionId: r.conversionId, job };
  }
  const live = async (conversionId: string) =>
    (await t.db.select({ id: commissions.id, amount: commissions.amount, version: commissions.attributionVersion, kind: commissions.kind, last: lastEntryType, holdUntil: commissions.holdUntil }).from(commissions).where(eq(commissions.conversionId, conversionId)).orderBy(commissions.createdAt, commissions.id)).filter(
      (c) => c.last !== "reversal" && c.last !== "rejection",
    );
  const noteOf = async (conversionId: string) => (await t.db.select({ n: conversions.commissionNote }).from(conversions).where(eq(conversions.id, conversionId)))[0]?.n;
  const balance = async (partnerId: string, currency: string) => (await getBalances(t.db, partnerId)).find((b) => b.currency === currency);

  it("re-prices a revenue share on what is left, under the next attribution version, once per refund", async () => {
    const s = await setup({ currency: "USD", components: { revshare: { events: ["deposit"], rateBp: 2500 } } }, { holdDays: 10 });
    const txn = `dep-${seq++}`;
    const deposit = await report(s, { event: "deposit", txn_id: txn, amount: "200.00" });
    const [before] = await live(deposit.conversionId);
    expect(before).toMatchObject({ amount: 5_000, version: 1 });

    const refund = await report(s, { event: "refund", txn_id: txn, amount: "80.00" });
    expect(refund.job.accrual).toMatchObject({ accrued: false, reason: `80.00 USD of 200.00 USD refunded, priced again on the 120.00 USD left: reversed 1 commission of transaction ${txn} and accrued 30.00 USD in their place` });
    const [after] = await live(deposit.conversionId);
    // 25% of 120.00; the hold of the commission it replaces, not a new one from the refund's time
    expect(after).toMatchObject({ amount: 3_000, version: 2, last: "accrual", holdUntil: before!.holdUntil });
    expect(await balance(s.partnerId, "USD")).toEqual({ currency: "USD", pending: 3_000, approved: 0, paid: 0 });
    const [record] = await t.db.select().from(attributions).where(and(eq(attributions.conversionId, deposit.conversionId), isNull(attributions.supersededAt)));
    expect(record).toMatchObject({ version: 2, credits: [{ partnerId: s.partnerId, credit: 1 }] });
    expect(record!.reason).toContain(`refund ${txn}: 80.00 USD of 200.00 USD refunded`);

    // the job runs again (a retry): nothing changes
    await processConversionSteps(t.db, immediateSteps, { conversionId: refund.conversionId });
    expect((await live(deposit.conversionId)).map((c) => [c.amount, c.version])).toEqual([[3_000, 2]]);

    // a chargeback of 20.00 more: priced on the 100.00 left; then a refund of more than what is left reverses it all
    await report(s, { event: "chargeback", txn_id: txn, amount: "20.00" });
    expect((await live(deposit.conversionId)).map((c) => [c.amount, c.version])).toEqual([[2_500, 3]]);
    expect(await balance(s.partnerId, "USD")).toMatchObject({ pending: 2_500 });
    const rest = await report(s, { event: "refund", txn_id: `${txn}`, amount: "100.00" }).catch((e: unknown) => e);
    // without a refund_id, one refund per transaction: the second is the same (offer, event, txn_id) with another amount
    expect(rest).toBeInstanceOf(Error);
    expect(String(rest)).toContain("send a refund_id with each partial refund");
  });

  it("several partial refunds of one transaction, each with its refund_id: each applied once, never more than the amount", async () => {
    const s = await setup({ currency: "USD", components: { revshare: { events: ["deposit"], rateBp: 2500 } } });
    const txn = `multi-${seq++}`;
    const deposit = await report(s, { event: "deposit", txn_id: txn, amount: "200.00" });
    const post = async (params: Record<string, string>) => recordPostback(t.db, { token: s.token, click_id: await click(t.db, s.code), txn_id: txn, ...params });
    const amounts = async () => (await live(deposit.conversionId)).map((c) => [c.amount, c.version]);

    const first = await report(s, { event: "refund", txn_id: txn, refund_id: "r-1", amount: "80.00" });
    expect(await amounts()).toEqual([[3_000, 2]]);
    // the same refund again: a duplicate answering with the first one's id, applied once
    expect(await post({ event: "refund", refund_id: "r-1", amount: "80.00" })).toEqual({ ok: true, status: "duplicate", conversionId: first.conversionId });
    await processConversionSteps(t.db, immediateSteps, { conversionId: first.conversionId });
    expect(await amounts()).toEqual([[3_000, 2]]);
    // the same refund id with another amount changes nothing
    expect(await post({ event: "refund", refund_id: "r-1", amount: "50.00" })).toMatchObject({ ok: false, httpStatus: 409, error: "txn_conflict" });

    // a second refund id: priced again on the 70.00 left
    const second = await report(s, { event: "refund", txn_id: txn, refund_id: "r-2", amount: "50.00" });
    expect(second.job.accrual).toMatchObject({ reason: expect.stringContaining("50.00 USD of 200.00 USD refunded, priced again on the 70.00 USD left") });
    expect(await amounts()).toEqual([[1_750, 3]]);
    expect(await post({ event: "refund", refund_id: "r-2", amount: "50.00" })).toMatchObject({ ok: true, status: "duplicate", conversionId: second.conversionId });

    // more than is left is refused, and nothing is recorded
    const over = await post({ event: "refund", refund_id: "r-3", amount: "80.00" });
    expect(over).toMatchObject({ ok: false, httpStatus: 409, error: "refund_exceeds_amount" });
    expect(over.ok ? "" : over.message).toBe(`refunds of txn_id "${txn}" would total 210.00 USD, more than its deposit of 200.00 USD (130.00 USD refunded so far, 70.00 USD left)`);
    expect(await t.db.select({ id: conversions.id }).from(conversions).where(and(eq(conversions.txnId, txn), eq(conversions.refundId, "r-3")))).toEqual([]);

    // a chargeback of exactly what is left reverses it all; after that, nothing more can be refunded
    await report(s, { event: "chargeback", txn_id: txn, refund_id: "cb-1", amount: "70.00" });
    expect(await live(deposit.conversionId)).toEqual([]);
    expect(await post({ event: "refund", refund_id: "r-4" })).toMatchObject({ ok: false, httpStatus: 409, error: "already_refunded" });
    expect(await post({ event: "refund", refund_id: "r-5", amount: "0.01" })).toMatchObject({ ok: false, httpStatus: 409, error: "already_refunded" });
    expect(await balance(s.partnerId, "USD")).toEqual({ currency: "USD", pending: 0, approved: 0, paid: 0 });
  });

  it("refuses a refund_id on an event that is no refund, and more than the amount in one refund", async () => {
    const s = await setup({ currency: "USD", components: { revshare: { events: ["deposit"], rateBp: 1000 } } });
    const txn = `bad-${seq++}`;
    const bad = await recordPostback(t.db, { token: s.token, click_id: await click(t.db, s.code), event: "deposit", txn_id: txn, refund_id: "r-1", amount: "150.00" });
    expect(bad).toMatchObject({ ok: false, httpStatus: 400, problems: [{ field: "refund_id", message: "refund_id is only for refund and chargeback events" }] });
    const deposit = await report(s, { event: "deposit", txn_id: txn, amount: "150.00" });
    const over = await recordPostback(t.db, { token: s.token, click_id: await click(t.db, s.code), event: "refund", txn_id: txn, amount: "999.00" });
    expect(over).toMatchObject({ ok: false, httpStatus: 409, error: "refund_exceeds_amount" });
    expect((await live(deposit.conversionId)).map((c) => c.amount)).toEqual([1_500]);
  });

  it("two refunds of one transaction at the same time: their total is checked one at a time", async () => {
    const s = await setup({ currency: "USD", components: { revshare: { events: ["deposit"], rateBp: 1000 } } });
    const txn = `race-${seq++}`;
    await report(s, { event: "deposit", txn_id: txn, amount: "100.00" });
    const clickId = await click(t.db, s.code);
    const results = await Promise.all(["a", "b"].map((id) => recordPostback(t.db, { token: s.token, click_id: clickId, event: "refund", txn_id: txn, refund_id: id, amount: "60.00" })));
    expect(results.filter((r) => r.ok && r.status === "accepted")).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error === "refund_exceeds_amount")).toHaveLength(1);
  });

  it("reverses in full for the whole amount, or without an amount", async () => {
    const s = await setup({ currency: "USD", components: { revshare: { events: ["deposit"], rateBp: 1000 } } });
    for (const amount of ["150.00", null]) {
      const txn = `full-${seq++}`;
      const deposit = await report(s, { event: "deposit", txn_id: txn, amount: "150.00" });
      const refund = await report(s, { event: "refund", txn_id: txn, ...(amount ? { amount } : {}) });
      expect(refund.job.accrual).toMatchObject({ reason: `reversed 1 commission of transaction ${txn}` });
      expect(await live(deposit.conversionId)).toEqual([]);
    }
    expect(await balance(s.partnerId, "USD")).toEqual({ currency: "USD", pending: 0, approved: 0, paid: 0 });
  });

  it("drops a CPA when what is left no longer qualifies, and says why", async () => {
    const s = await setup({ currency: "USD", components: { cpa: { event: "ftd", amount: 4_000n } } }, { qualification: { minDeposit: "5000" } });
    const txn = `ftd-${seq++}`;
    const ftd = await report(s, { event: "ftd", txn_id: txn, amount: "100.00" });
    expect((await live(ftd.conversionId)).map((c) => c.amount)).toEqual([4_000]);
    const kept = await report(s, { event: "refund", txn_id: txn, amount: "30.00" });
    // 70.00 left is still at least the 50.00 minimum: the CPA stays
    expect(kept.job.accrual).toMatchObject({ reason: expect.stringContaining("accrued 40.00 USD in their place") });
    expect((await live(ftd.conversionId)).map((c) => [c.amount, c.version])).toEqual([[4_000, 2]]);
    await report(s, { event: "chargeback", txn_id: txn, amount: "30.00" });
    expect(await live(ftd.conversionId)).toEqual([]);
    expect(await noteOf(ftd.conversionId)).toBe("CPA not paid: deposit 40.00 USD is below the 50.00 USD minimum for FTD");
  });

  it("a paid commission: the next payout nets its reversal against what is re-priced", async () => {
    const s = await setup({ currency: "SEK", components: { revshare: { events: ["sale"], rateBp: 2500 } } });
    await savePayoutDetails(t.db, s.partnerId, { method: "paypal", email: "sek@partner.example" });
    const txn = `sale-${seq++}`;
    const sale = await report(s, { event: "sale", txn_id: txn, amount: "400.00" });
    const [c] = await live(sale.conversionId);
    await approveCommissions(t.db, { commissionIds: [c!.id], actorId: admin.id });
    const batch = await createPayoutBatch(t.db, { currency: "SEK", actorId: admin.id });
    await approvePayoutBatch(t.db, { batchId: batch.batchId!, actorId: admin.id });
    await markBatchPaid(t.db, { batchId: batch.batchId!, reference: "SEK-1", actorId: admin.id });

    await report(s, { event: "refund", txn_id: txn, amount: "100.00" });
    // paid 100.00; taken back 100.00 from the approved balance; 75.00 (25% of 300.00) earned again, pending
    expect(await balance(s.partnerId, "SEK")).toEqual({ currency: "SEK", pending: 7_500, approved: -10_000, paid: 10_000 });
    expect((await live(sale.conversionId)).map((x) => [x.amount, x.last])).toEqual([[7_500, "accrual"]]);
  });

  it("never brings back a commission the admin rejected", async () => {
    const s = await setup({ currency: "USD", components: { revshare: { events: ["deposit"], rateBp: 2000 } } });
    const txn = `rej-${seq++}`;
    const deposit = await report(s, { event: "deposit", txn_id: txn, amount: "100.00" });
    const [c] = await live(deposit.conversionId);
    await rejectCommissions(t.db, { commissionIds: [c!.id], actorId: admin.id, reason: "Bonus abuse" });
    const refund = await report(s, { event: "refund", txn_id: txn, amount: "10.00" });
    expect(refund.job.accrual).toMatchObject({ reason: `transaction ${txn} has no live commission, so nothing was reversed` });
    expect(await live(deposit.conversionId)).toEqual([]);
  });
});
