import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { commissions, conversions, payoutBatches } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { lastEntryType } from "@/server/commissions/commission-status";
import { getBalances } from "@/server/commissions/get-balances";
import { approveCommissions } from "@/server/commissions/review-commissions";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { approvePayoutBatch, markBatchFailed, markBatchPaid } from "./batch-status";
import { createPayoutBatch, refreshPayoutBatch } from "./create-payout-batch";
import { getPayoutBatch } from "./list-payout-batches";
import { savePayoutDetails } from "./payout-details";
import { getStatement } from "./statement";

// A refund, a chargeback or a fraud rejection can reverse a commission after a draft batch took its approval.
// Paying that draft would pay the reversed commission; it must be refreshed first, and then nets it out.
describe.each(await drivers())("a commission reversed while its approval sits in a batch, on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let s: { token: string; code: string; partnerId: string };
  let seq = 0;
  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    const program = await makeProgram(t.db, { terms: { currency: "CHF", components: { cpa: { event: "ftd", amount: 30_000n } } }, currency: "CHF" });
    const partner = await makePartner(t.db, admin);
    await savePayoutDetails(t.db, partner.partnerId, { method: "paypal", email: "chf@partner.example" });
    s = { token: program.token, code: await linkCode(t.db, partner.partnerId, program.offerId), partnerId: partner.partnerId };
  });
  afterEach(() => expectLedgerInvariants(t.db));
  afterAll(() => t.close());

  async function postback(event: string, txnId: string) {
    const r = await recordPostback(t.db, { token: s.token, click_id: await click(t.db, s.code), event, txn_id: txnId });
    if (!r.ok || r.status !== "accepted") throw new Error(`postback refused: ${JSON.stringify(r)}`);
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    return r.conversionId;
  }
  /** An approved 300.00 CHF commission; returns its id and the txn id that reverses it. */
  async function approvedFtd() {
    const txnId = `chf-${seq++}`;
    const conversionId = await postback("ftd", txnId);
    const [c] = await t.db.select({ id: commissions.id }).from(commissions).where(eq(commissions.conversionId, conversionId));
    await approveCommissions(t.db, { commissionIds: [c!.id], actorId: admin.id });
    return { commissionId: c!.id, txnId };
  }
  const statusOf = async (commissionId: string) => (await t.db.select({ last: lastEntryType }).from(commissions).where(eq(commissions.id, commissionId)))[0]?.last;

  it("refuses to approve the draft until it is refreshed; the refreshed batch nets the reversal and pays the rest", async () => {
    const first = await approvedFtd();
    const second = await approvedFtd();
    const made = await createPayoutBatch(t.db, { currency: "CHF", actorId: admin.id });
    expect(made).toMatchObject({ partnerCount: 1, itemCount: 2, total: 60_000 });
    const batchId = made.batchId!;

    await postback("chargeback", first.txnId);
    const view = await getPayoutBatch(t.db, batchId);
    expect(view.reversed).toMatchObject([{ commissionId: first.commissionId, partnerId: s.partnerId, amount: 30_000 }]);
    expect(view.reversed[0]!.reason).toContain(`chargeback of transaction ${first.txnId}`);
    await expect(approvePayoutBatch(t.db, { batchId, actorId: admin.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("1 commission in this draft was reversed") });

    const refreshed = await refreshPayoutBatch(t.db, { batchId, actorId: admin.id });
    // the same batch, now holding the chargeback too: 300 + 300 - 300
    expect(refreshed).toMatchObject({ batchId, partnerCount: 1, itemCount: 3, total: 30_000 });
    const [row] = await t.db.select().from(payoutBatches).where(eq(payoutBatches.id, batchId));
    expect(row).toMatchObject({ status: "draft", total: 30_000, itemCount: 3, partnerCount: 1 });
    expect((await getPayoutBatch(t.db, batchId)).reversed).toEqual([]);
    expect((await getPayoutBatch(t.db, batchId)).lines).toMatchObject([{ partnerId: s.partnerId, amount: 30_000 }]);

    await approvePayoutBatch(t.db, { batchId, actorId: admin.id });
    await markBatchPaid(t.db, { batchId, reference: "PP-CHF-1", actorId: admin.id });
    expect((await getBalances(t.db, s.partnerId)).find((b) => b.currency === "CHF")).toEqual({ currency: "CHF", pending: 0, approved: 0, paid: 30_000 });
    // the charged-back commission cancelled out inside the batch: it stays reversed, never "paid"
    expect(await statusOf(first.commissionId)).toBe("reversal");
    expect(await statusOf(second.commissionId)).toBe("payout");
    // the statement lists what the batch paid, not what the draft held before the refresh
    const statement = await getStatement(t.db, batchId, s.partnerId);
    expect(statement.amount).toBe(30_000);
    expect(statement.items.map((i) => [i.type, i.amount])).toEqual([
      ["approval", 30_000],
      ["approval", 30_000],
      ["reversal", -30_000],
    ]);
    await expect(refreshPayoutBatch(t.db, { batchId, actorId: admin.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("takes approvals made since the draft, and refuses to empty it (the draft is kept as it was)", async () => {
    const first = await approvedFtd();
    const made = await createPayoutBatch(t.db, { currency: "CHF", actorId: admin.id });
    expect(made).toMatchObject({ itemCount: 1, total: 30_000 });
    const batchId = made.batchId!;
    const later = await approvedFtd();
    expect(await refreshPayoutBatch(t.db, { batchId, actorId: admin.id })).toMatchObject({ batchId, itemCount: 2, total: 60_000 });

    await postback("refund", first.txnId);
    await postback("refund", later.txnId);
    await expect(refreshPayoutBatch(t.db, { batchId, actorId: admin.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("nobody is due a CHF payout") });
    const [row] = await t.db.select().from(payoutBatches).where(eq(payoutBatches.id, batchId));
    expect(row).toMatchObject({ status: "draft", total: 60_000, itemCount: 2 });
    expect((await getPayoutBatch(t.db, batchId)).reversed.map((r) => r.commissionId).sort()).toEqual([first.commissionId, later.commissionId].sort());
    // failing the draft releases everything: the approvals and their refunds net to nothing in the balance
    await markBatchFailed(t.db, { batchId, reason: "Both deposits refunded", actorId: admin.id });
    expect((await getBalances(t.db, s.partnerId)).find((b) => b.currency === "CHF")).toMatchObject({ approved: 0, paid: 30_000 });
    const refunded = await t.db.select({ note: conversions.commissionNote }).from(conversions).where(eq(conversions.txnId, later.txnId));
    expect(refunded.map((r) => r.note)).toContain(`reversed 1 commission of transaction ${later.txnId}`);
  });

  it("an approved batch keeps paying what it holds, and says which commissions were reversed since", async () => {
    const first = await approvedFtd();
    await approvedFtd();
    const batchId = (await createPayoutBatch(t.db, { currency: "CHF", actorId: admin.id })).batchId!;
    await approvePayoutBatch(t.db, { batchId, actorId: admin.id });
    await postback("chargeback", first.txnId);
    expect((await getPayoutBatch(t.db, batchId)).reversed).toMatchObject([{ commissionId: first.commissionId }]);
    await markBatchPaid(t.db, { batchId, reference: "PP-CHF-2", actorId: admin.id });
    // the money already went out: the chargeback leaves a negative approved balance that the next payout nets
    expect((await getBalances(t.db, s.partnerId)).find((b) => b.currency === "CHF")).toEqual({ currency: "CHF", pending: 0, approved: -30_000, paid: 90_000 });
    expect((await getPayoutBatch(t.db, batchId)).reversed).toEqual([]);
  });
});
