import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { commissions, conversions, ledgerEntries, payoutBatchItems, payoutBatches } from "@/db/schema";
import { getBalances } from "@/server/commissions/get-balances";
import { listCommissions } from "@/server/commissions/list-commissions";
import { approveCommissions, rejectCommissions } from "@/server/commissions/review-commissions";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { drainOutbox } from "@/server/jobs/outbox";
import { immediateSteps } from "@/server/jobs/step";
import { approvePayoutBatch, markBatchPaid } from "@/server/payouts/batch-status";
import { createPayoutBatch } from "@/server/payouts/create-payout-batch";
import { savePayoutDetails } from "@/server/payouts/payout-details";
import type { SessionUser } from "@/server/auth/authenticate";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";

const DAY = 86_400_000;

describe.each(await drivers())("the money loop on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let token: string;
  let code: string;
  let partnerId: string;
  // A second partner on a EUR offer, for the review edge cases: they stay out of the USD payout tests.
  let eur: { token: string; code: string; partnerId: string };
  let seq = 0;
  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    let offerId: string;
    ({ token, offerId } = await makeProgram(t.db, { attributionWindowDays: 30 }));
    ({ partnerId } = await makePartner(t.db, admin));
    await savePayoutDetails(t.db, partnerId, { method: "paypal", email: "loop@test.example" });
    code = await linkCode(t.db, partnerId, offerId);
    const eurProgram = await makeProgram(t.db, { currency: "EUR", cpaAmount: 5_000 });
    const p2 = await makePartner(t.db, admin);
    eur = { token: eurProgram.token, code: await linkCode(t.db, p2.partnerId, eurProgram.offerId), partnerId: p2.partnerId };
  });
  afterAll(() => t.close());
  // the ledger stays consistent whatever each scenario did
  afterEach(() => expectLedgerInvariants(t.db));

  /** click -> postback -> background job; returns the conversion id. */
  async function convert(event = "ftd", opts: { clickAt?: Date; occurredAt?: Date; via?: { token: string; code: string } } = {}) {
    const via = opts.via ?? { token, code };
    const clickId = await click(t.db, via.code, opts.clickAt);
    const r = await recordPostback(t.db, { token: via.token, click_id: clickId, event, txn_id: `loop-${seq++}`, occurred_at: opts.occurredAt?.toISOString() });
    if (!r.ok || r.status !== "accepted") throw new Error(`postback refused: ${JSON.stringify(r)}`);
    await drainOutbox(t.db);
    return r.conversionId;
  }
  const commissionsOf = (conversionId: string) => t.db.select().from(commissions).where(eq(commissions.conversionId, conversionId));
  const entriesOf = (commissionId: string) => t.db.select().from(ledgerEntries).where(eq(ledgerEntries.commissionId, commissionId));
  async function accrued(via?: { token: string; code: string }) {
    const [c] = await commissionsOf(await convert("ftd", { via }));
    if (!c) throw new Error("no commission accrued");
    return c.id;
  }
  async function statusOf(id: string) {
    const { items } = await listCommissions(t.db, { limit: 100, offset: 0 });
    return items.find((i) => i.id === id);
  }
  const usd = async () => (await getBalances(t.db, partnerId)).find((b) => b.currency === "USD");
  const eurBalance = async () => (await getBalances(t.db, eur.partnerId)).find((b) => b.currency === "EUR");

  it("accrues the offer's CPA as a pending commission with one accrual entry", async () => {
    const conversionId = await convert();
    const [conv] = await t.db.select().from(conversions).where(eq(conversions.id, conversionId));
    expect(conv).toMatchObject({ attributionStatus: "attributed", partnerId });
    const list = await commissionsOf(conversionId);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ partnerId, amount: 20_000, currency: "USD" });
    const entries = await entriesOf(list[0]?.id ?? "");
    expect(entries).toEqual([expect.objectContaining({ type: "accrual", bucket: "pending", amount: 20_000, currency: "USD", partnerId })]);
    expect((await statusOf(list[0]?.id ?? ""))?.status).toBe("pending");
    expect(await usd()).toEqual({ currency: "USD", pending: 20_000, approved: 0, paid: 0 });
  });

  it("records a registration, attributes it, and accrues nothing", async () => {
    const conversionId = await convert("registration");
    const [conv] = await t.db.select().from(conversions).where(eq(conversions.id, conversionId));
    expect(conv?.attributionStatus).toBe("attributed");
    expect(await commissionsOf(conversionId)).toHaveLength(0);
  });

  it("leaves a conversion whose click is older than the window unattributed, with no commission", async () => {
    const now = Date.now();
    const conversionId = await convert("ftd", { clickAt: new Date(now - 31 * DAY), occurredAt: new Date(now) });
    const [conv] = await t.db.select().from(conversions).where(eq(conversions.id, conversionId));
    expect(conv).toMatchObject({ attributionStatus: "unattributed", partnerId: null });
    expect(conv?.attributionReason).toContain("30-day");
    expect(await commissionsOf(conversionId)).toHaveLength(0);
    // ... while a click just inside the window still counts
    const inside = await convert("ftd", { clickAt: new Date(now - 29 * DAY), occurredAt: new Date(now) });
    expect(await commissionsOf(inside)).toHaveLength(1);
  });

  it("accrues once when the job runs again or the outbox is drained twice", async () => {
    const conversionId = await convert();
    const first = await commissionsOf(conversionId);
    const again = await processConversionSteps(t.db, immediateSteps, { conversionId });
    await processConversionSteps(t.db, immediateSteps, { conversionId });
    expect(await drainOutbox(t.db)).toBe(0);
    expect(again.accrual).toMatchObject({ accrued: true, commissionId: first[0]?.id, amount: 20_000, currency: "USD" });
    expect(await commissionsOf(conversionId)).toHaveLength(1);
    expect(await entriesOf(first[0]?.id ?? "")).toHaveLength(1);
  });

  it("approves, and rejects only with a reason that stays visible", async () => {
    const before = await usd();
    const [a, r] = [await accrued(), await accrued()];
    const approved = await approveCommissions(t.db, { commissionIds: [a], actorId: admin.id });
    expect(approved).toEqual({ changed: [a], skipped: [] });
    expect((await statusOf(a))?.status).toBe("approved");
    expect(await usd()).toMatchObject({ pending: (before?.pending ?? 0) + 20_000, approved: (before?.approved ?? 0) + 20_000 });

    await expect(rejectCommissions(t.db, { commissionIds: [r], actorId: admin.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(rejectCommissions(t.db, { commissionIds: [r], actorId: admin.id, reason: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await statusOf(r))?.status).toBe("pending");
    const rejected = await rejectCommissions(t.db, { commissionIds: [r], actorId: admin.id, reason: "self-referral" });
    expect(rejected).toEqual({ changed: [r], skipped: [] });
    expect(await statusOf(r)).toMatchObject({ status: "rejected", statusReason: "self-referral" });
    expect(await usd()).toMatchObject({ pending: before?.pending ?? 0, approved: (before?.approved ?? 0) + 20_000 });
  });

  it("skips a rejected commission when asked to approve it, and moves no money", async () => {
    const r = await accrued(eur);
    await rejectCommissions(t.db, { commissionIds: [r], actorId: admin.id, reason: "fraud" });
    const result = await approveCommissions(t.db, { commissionIds: [r], actorId: admin.id });
    expect(result).toEqual({ changed: [], skipped: [{ id: r, status: "rejected" }] });
    expect(await statusOf(r)).toMatchObject({ status: "rejected", statusReason: "fraud" });
    expect(await entriesOf(r)).toHaveLength(2);
  });

  it("skips commissions that are already approved when approving or rejecting them again", async () => {
    const a = await accrued(eur);
    await approveCommissions(t.db, { commissionIds: [a], actorId: admin.id });
    const before = await eurBalance();
    await expect(approveCommissions(t.db, { commissionIds: [a], actorId: admin.id })).resolves.toEqual({ changed: [], skipped: [{ id: a, status: "approved" }] });
    await expect(rejectCommissions(t.db, { commissionIds: [a], actorId: admin.id, reason: "too late" })).resolves.toEqual({ changed: [], skipped: [{ id: a, status: "approved" }] });
    expect((await statusOf(a))?.status).toBe("approved");
    expect(await eurBalance()).toEqual(before);
  });

  it("batches only approved, unbatched USD commissions, once, and pays them", async () => {
    // Approve everything still pending except one, so the batch must leave that one out.
    const { items } = await listCommissions(t.db, { partnerId, status: "pending", limit: 100, offset: 0 });
    const stay = await accrued();
    const toApprove = items.map((i) => i.id);
    await approveCommissions(t.db, { commissionIds: toApprove, actorId: admin.id });
    const approvedIds = (await listCommissions(t.db, { status: "approved", limit: 100, offset: 0 })).items.filter((i) => i.currency === "USD").map((i) => i.id);

    const batch = await createPayoutBatch(t.db, { currency: "USD", actorId: admin.id });
    if (!batch.batchId) throw new Error("no batch");
    const batchId = batch.batchId;
    const inBatch = await t.db.select().from(payoutBatchItems).where(eq(payoutBatchItems.batchId, batchId));
    expect(inBatch.map((i) => i.commissionId).sort()).toEqual([...approvedIds].sort());
    expect(inBatch.map((i) => i.commissionId)).not.toContain(stay);
    const [row] = await t.db.select().from(payoutBatches).where(eq(payoutBatches.id, batchId));
    expect(row).toMatchObject({ status: "draft", itemCount: approvedIds.length, total: 20_000 * approvedIds.length, currency: "USD" });

    await expect(createPayoutBatch(t.db, { currency: "USD", actorId: admin.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(createPayoutBatch(t.db, { currency: "GBP", actorId: admin.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    // a draft is checked and approved before it can be paid
    await expect(markBatchPaid(t.db, { batchId, reference: "WIRE-1", actorId: admin.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await approvePayoutBatch(t.db, { batchId, actorId: admin.id });
    const paid = await markBatchPaid(t.db, { batchId, reference: "WIRE-1", actorId: admin.id });
    expect(paid).toEqual({ batchId, paidItems: approvedIds.length });
    for (const id of approvedIds) expect((await statusOf(id))?.status).toBe("paid");
    expect((await statusOf(stay))?.status).toBe("pending");
    await expect(markBatchPaid(t.db, { batchId, reference: "WIRE-1", actorId: admin.id })).rejects.toMatchObject({ code: "CONFLICT" });

    // Balances are exactly the sums of the ledger, bucket by bucket.
    const entries = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.partnerId, partnerId));
    const sum = (bucket: string) => entries.filter((e) => e.bucket === bucket).reduce((s, e) => s + e.amount, 0);
    const balance = await usd();
    expect(balance).toEqual({ currency: "USD", pending: sum("pending"), approved: sum("approved"), paid: sum("paid") });
    expect(balance).toEqual({ currency: "USD", pending: 20_000, approved: 0, paid: 20_000 * approvedIds.length });
    // a second payment left no extra entries
    const payouts = entries.filter((e) => e.type === "payout");
    expect(payouts).toHaveLength(2 * approvedIds.length);
  });

  it("never puts one commission in two concurrent batches", async () => {
    const ids = [await accrued(), await accrued(), await accrued()];
    await approveCommissions(t.db, { commissionIds: ids, actorId: admin.id });
    const results = await Promise.allSettled([
      createPayoutBatch(t.db, { currency: "USD", actorId: admin.id }),
      createPayoutBatch(t.db, { currency: "USD", actorId: admin.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const items = await t.db.select().from(payoutBatchItems).where(inArray(payoutBatchItems.commissionId, ids));
    expect(items).toHaveLength(ids.length);
    expect(new Set(items.map((i) => i.commissionId)).size).toBe(ids.length);
    expect(new Set(items.map((i) => i.batchId)).size).toBe(1);
  });

  it("refuses to update or delete ledger entries", async () => {
    const before = await t.db.select().from(ledgerEntries).orderBy(ledgerEntries.id);
    expect(before.length).toBeGreaterThan(0);
    await expect(t.db.execute(sql`update ledger_entries set amount = 0`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from ledger_entries`)).rejects.toThrow();
    await expect(t.db.update(ledgerEntries).set({ reason: "edited" }).where(eq(ledgerEntries.id, before[0]?.id ?? ""))).rejects.toThrow();
    expect(await t.db.select().from(ledgerEntries).orderBy(ledgerEntries.id)).toEqual(before);
  });
});
