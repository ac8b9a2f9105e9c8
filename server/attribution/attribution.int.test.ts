import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { attributions, commissions, conversions, ledgerEntries, type StoredModel } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { lastEntryType, statusOf } from "@/server/commissions/commission-status";
import { approveCommissions } from "@/server/commissions/review-commissions";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { createPayoutBatch } from "@/server/payouts/create-payout-batch";
import { ensureLinks } from "@/server/offers/ensure-links";
import { approvePayoutBatch, markBatchPaid } from "@/server/payouts/batch-status";
import { savePayoutDetails } from "@/server/payouts/payout-details";
import { recordClick } from "@/server/tracking/record-click";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { explainForPartner } from "./explain";
import { applyReattribution, previewReattribution } from "./reattribute";
import { setOfferModel, setProgramAttribution } from "./set-attribution";
import { simulate } from "./simulate";

const DAY = 86_400_000;

describe.each(await drivers())("attribution through the postback path on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let program: Awaited<ReturnType<typeof makeProgram>>;
  // Three partners; A, B, C are their ids, codes their links on the offer.
  const P: Record<"A" | "B" | "C", { id: string; code: string }> = { A: { id: "", code: "" }, B: { id: "", code: "" }, C: { id: "", code: "" } };
  let n = 0;
  const start = Date.now();

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    program = await makeProgram(t.db);
    for (const k of ["A", "B", "C"] as const) {
      const p = await makePartner(t.db, admin);
      P[k] = { id: p.partnerId, code: await linkCode(t.db, p.partnerId, program.offerId) };
    }
  });
  afterAll(() => t.close());
  // the ledger stays consistent whatever each scenario did
  afterEach(() => expectLedgerInvariants(t.db));

  /** One visitor's clicks: [partner, days before now]. Returns the click ids in the same order. */
  async function journey(steps: ["A" | "B" | "C", number][], now: number) {
    const visitorId = `vis_${String(++n).padStart(26, "0")}`;
    const ids: string[] = [];
    for (const [k, days] of steps) {
      const r = await recordClick(t.db, { code: P[k].code, ip: "198.51.100.7", userAgent: "test", referrer: null, subs: [`s-${k}`], visitorId, now: new Date(now - days * DAY) });
      if (!r.found) throw new Error("link not found");
      ids.push(r.clickId);
    }
    return ids;
  }

  async function convert(clickId: string, occurredAt: number) {
    const r = await recordPostback(t.db, { token: program.token, click_id: clickId, event: "ftd", txn_id: `j-${++n}`, occurred_at: new Date(occurredAt).toISOString() });
    if (!r.ok || r.status !== "accepted") throw new Error(JSON.stringify(r));
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    return r.conversionId;
  }

  const amounts = async (conversionId: string, version = 1) => {
    const rows = await t.db
      .select({ partnerId: commissions.partnerId, amount: commissions.amount })
      .from(commissions)
      .where(and(eq(commissions.conversionId, conversionId), eq(commissions.attributionVersion, version)));
    const byKey: Record<string, number> = {};
    for (const r of rows) byKey[(Object.keys(P) as ("A" | "B" | "C")[]).find((k) => P[k].id === r.partnerId)!] = r.amount;
    return byKey;
  };

  // Journey B (3 days before), C (2 days), A (1 day); the postback reports A's click. CPA 200.00 USD.
  const cases: [string, StoredModel, Record<string, number>][] = [
    ["last click", { model: "last_click" }, { A: 20_000 }],
    ["first click", { model: "first_click" }, { B: 20_000 }],
    // 1/3 each: 6,666 + 2 leftover units, by largest remainder (all equal) to the two lowest partner ids.
    ["linear", { model: "linear" }, { linear: 1 }],
    // weights 2^(-2/7), 2^(-1/7), 1 → 6,018.47 / 6,644.93 / 7,336.60 → floors 6,018 + 6,644 + 7,336, leftovers to C (.93) and A (.60).
    ["time decay", { model: "time_decay", halfLifeDays: 7 }, { B: 6_018, C: 6_645, A: 7_337 }],
    // 40% first, 40% last, the middle 20%.
    ["position based", { model: "position_based", firstShare: 0.4, lastShare: 0.4 }, { B: 8_000, C: 4_000, A: 8_000 }],
  ];

  it.each(cases)("%s: splits the CPA over the journey to the cent and records why", async (_name, model, expected) => {
    await setOfferModel(t.db, { offerId: program.offerId, model });
    const now = Date.now();
    const [, , a] = await journey([["B", 3], ["C", 2], ["A", 1]], now);
    const conversionId = await convert(a!, now);
    const got = await amounts(conversionId);
    if ("linear" in expected) {
      const ids = (["A", "B", "C"] as const).slice().sort((x, y) => (P[x].id < P[y].id ? -1 : 1));
      expect(got).toEqual({ [ids[0]!]: 6_667, [ids[1]!]: 6_667, [ids[2]!]: 6_666 });
    } else {
      expect(got).toEqual(expected);
    }
    expect(Object.values(got).reduce((s, v) => s + v, 0)).toBe(20_000);
    const [record] = await t.db.select().from(attributions).where(eq(attributions.conversionId, conversionId));
    expect(record).toMatchObject({ version: 1, source: "click", model, supersededAt: null });
    expect(record?.touchpoints.map((tp) => tp.partnerId)).toEqual([P.B.id, P.C.id, P.A.id]);
    expect(record?.touchpoints.map((tp) => tp.sub[0])).toEqual(["s-B", "s-C", "s-A"]);
    expect(record!.touchpoints.reduce((s, tp) => s + tp.weight, 0)).toBeCloseTo(1, 12);
    // Running the job again changes nothing.
    await processConversionSteps(t.db, immediateSteps, { conversionId });
    expect(await amounts(conversionId)).toEqual(got);
    expect(await t.db.$count(attributions, eq(attributions.conversionId, conversionId))).toBe(1);
  });

  it("data-driven without learned weights falls back to linear and says so", async () => {
    await setOfferModel(t.db, { offerId: program.offerId, model: { model: "data_driven" } });
    const now = Date.now();
    const [, a] = await journey([["B", 2], ["A", 1]], now);
    const conversionId = await convert(a!, now);
    expect(await amounts(conversionId)).toEqual({ A: 10_000, B: 10_000 });
    const [record] = await t.db.select().from(attributions).where(eq(attributions.conversionId, conversionId));
    expect(record).toMatchObject({ fellBackTo: "linear", model: { model: "data_driven" } });
    expect(record?.rules.join(" ")).toContain("every touch counts equally");
  });

  it("ignores clicks after the reported click and after the conversion", async () => {
    await setOfferModel(t.db, { offerId: program.offerId, model: { model: "linear" } });
    const now = Date.now();
    const [, a] = await journey([["B", 3], ["A", 2], ["C", 1]], now);
    const conversionId = await convert(a!, now - 1.5 * DAY);
    expect(await amounts(conversionId)).toEqual({ A: 10_000, B: 10_000 });
  });

  it("joins a bound customer's other devices into the journey", async () => {
    await setOfferModel(t.db, { offerId: program.offerId, model: { model: "linear" } });
    const now = Date.now();
    // Device 1: a click through B, then a registration that binds the customer.
    const [b] = await journey([["B", 3]], now);
    const reg = await recordPostback(t.db, { token: program.token, click_id: b!, customer_id: "cust-x", event: "registration", txn_id: `reg-${++n}`, occurred_at: new Date(now - 2.5 * DAY).toISOString() });
    if (!reg.ok || reg.status !== "accepted") throw new Error("postback");
    await processConversionSteps(t.db, immediateSteps, { conversionId: reg.conversionId });
    // Device 2 (another cookie): a click through A, and the deposit reported with A's click.
    const [a] = await journey([["A", 1]], now);
    const r = await recordPostback(t.db, { token: program.token, click_id: a!, customer_id: "cust-x", event: "ftd", txn_id: `ftd-${++n}` });
    if (!r.ok || r.status !== "accepted") throw new Error("postback");
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    expect(await amounts(r.conversionId)).toEqual({ A: 10_000, B: 10_000 });
  });

  it("a partner sees their own touches and share, never another partner's identity", async () => {
    await setOfferModel(t.db, { offerId: program.offerId, model: { model: "linear" } });
    const now = Date.now();
    const [b, a] = await journey([["B", 2], ["A", 1]], now);
    const conversionId = await convert(a!, now);
    const seen = await explainForPartner(t.db, P.B.id, conversionId);
    expect(seen.credit).toBeCloseTo(0.5, 12);
    expect(seen.touchpoints).toEqual([
      expect.objectContaining({ own: true, clickId: b }),
      { own: false, at: expect.any(String), weight: 0.5 },
    ]);
    expect(JSON.stringify(seen)).not.toContain(P.A.id);
    expect(seen.commissions).toEqual([expect.objectContaining({ amount: 10_000, status: "pending" })]);
    await expect(explainForPartner(t.db, P.C.id, conversionId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("re-attributes a period: unpaid commissions reversed and re-accrued, paid ones untouched, previewed first", async () => {
    const other = await makeProgram(t.db);
    for (const k of ["A", "B"] as const) await ensureLinks(t.db, P[k].id);
    const codeA = await linkCode(t.db, P.A.id, other.offerId);
    const codeB = await linkCode(t.db, P.B.id, other.offerId);
    const now = Date.now();
    const visit = async (visitorId: string) => {
      const b = await recordClick(t.db, { code: codeB, ip: null, userAgent: "t", referrer: null, subs: [], visitorId, now: new Date(now - 2 * DAY) });
      const a = await recordClick(t.db, { code: codeA, ip: null, userAgent: "t", referrer: null, subs: [], visitorId, now: new Date(now - DAY) });
      if (!a.found || !b.found) throw new Error("link");
      const r = await recordPostback(t.db, { token: other.token, click_id: a.clickId, event: "ftd", txn_id: `r-${visitorId}` });
      if (!r.ok || r.status !== "accepted") throw new Error("postback");
      await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
      return r.conversionId;
    };
    const paidConv = await visit(`vis_${"1".repeat(26)}`);
    const [paidCom] = await t.db.select().from(commissions).where(eq(commissions.conversionId, paidConv));
    await approveCommissions(t.db, { commissionIds: [paidCom!.id], actorId: admin.id });
    await savePayoutDetails(t.db, paidCom!.partnerId, { method: "paypal", email: "reattr@test.example" });
    const batch = await createPayoutBatch(t.db, { currency: "USD", actorId: admin.id });
    await approvePayoutBatch(t.db, { batchId: batch.batchId!, actorId: admin.id });
    await markBatchPaid(t.db, { batchId: batch.batchId!, reference: "WIRE-7", actorId: admin.id });
    const openConv = await visit(`vis_${"2".repeat(26)}`);
    expect(await amounts(openConv)).toEqual({ A: 20_000 });
    // A refunded deposit (and its refund, a conversion of its own): settled, so re-attribution leaves both alone
    // rather than pricing the refunded deposit again.
    const refundedConv = await visit(`vis_${"3".repeat(26)}`);
    const [refunded] = await t.db.select({ clickId: conversions.clickId, txnId: conversions.txnId }).from(conversions).where(eq(conversions.id, refundedConv));
    const refund = await recordPostback(t.db, { token: other.token, click_id: refunded!.clickId!, event: "refund", txn_id: refunded!.txnId });
    if (!refund.ok || refund.status !== "accepted") throw new Error("refund");
    await processConversionSteps(t.db, immediateSteps, { conversionId: refund.conversionId });
    const [refundedCom] = await t.db.select({ last: lastEntryType }).from(commissions).where(eq(commissions.conversionId, refundedConv));
    expect(statusOf(refundedCom!.last)).toBe("reversed");

    await setProgramAttribution(t.db, { programId: other.programId, model: { model: "linear" }, priority: ["click", "customer_binding", "coupon"] });
    const range = { programId: other.programId, from: new Date(start - DAY), to: new Date(Date.now() + DAY) };
    const preview = await previewReattribution(t.db, range);
    expect(preview).toMatchObject({ conversions: 4, changed: 1, paidUnchanged: 1, settledUnchanged: 2 });
    const byId = Object.fromEntries(preview.partners.map((p) => [p.partnerId, p]));
    expect(byId[P.A.id]).toMatchObject({ before: { conversions: 1, amounts: { USD: 20_000 } }, after: { conversions: 1, amounts: { USD: 10_000 } }, paidDifference: { USD: -10_000 } });
    expect(byId[P.B.id]).toMatchObject({ before: { conversions: 0 }, after: { conversions: 1, amounts: { USD: 10_000 } }, paidDifference: { USD: 10_000 } });
    // Nothing was written by the preview.
    expect(await t.db.$count(attributions, eq(attributions.conversionId, openConv))).toBe(1);

    const result = await applyReattribution(t.db, { ...range, actorId: admin.id, reason: "switched to linear" });
    expect(result).toEqual({ conversions: 4, reattributed: 1, paidUnchanged: 1, settledUnchanged: 2 });
    expect(await amounts(refundedConv, 2)).toEqual({});
    expect(await amounts(openConv, 2)).toEqual({ A: 10_000, B: 10_000 });
    const [oldCom] = await t.db.select({ id: commissions.id, last: lastEntryType }).from(commissions).where(and(eq(commissions.conversionId, openConv), eq(commissions.attributionVersion, 1)));
    expect(statusOf(oldCom!.last)).toBe("reversed");
    const [reversal] = await t.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.commissionId, oldCom!.id), eq(ledgerEntries.type, "reversal")));
    expect(reversal).toMatchObject({ amount: -20_000, bucket: "pending", actorId: admin.id });
    expect(reversal?.reason).toContain("switched to linear");
    // The paid conversion kept its single commission and record.
    expect(await amounts(paidConv)).toEqual({ A: 20_000 });
    expect(await amounts(paidConv, 2)).toEqual({});
    const current = await t.db.select().from(attributions).where(and(eq(attributions.conversionId, openConv), isNull(attributions.supersededAt)));
    expect(current).toEqual([expect.objectContaining({ version: 2, actorId: admin.id })]);
    const [conv] = await t.db.select().from(conversions).where(eq(conversions.id, openConv));
    expect(conv?.partnerId).toBe([P.A.id, P.B.id].sort()[0]);
    // Applying again finds nothing left to change.
    expect(await applyReattribution(t.db, { ...range, actorId: admin.id, reason: "again" })).toEqual({ conversions: 4, reattributed: 0, paidUnchanged: 1, settledUnchanged: 2 });
  });

  it("simulates several models side by side without writing anything", async () => {
    const sim = await makeProgram(t.db);
    for (const k of ["A", "B"] as const) await ensureLinks(t.db, P[k].id);
    const codes = { A: await linkCode(t.db, P.A.id, sim.offerId), B: await linkCode(t.db, P.B.id, sim.offerId) };
    const now = Date.now();
    for (let i = 0; i < 3; i++) {
      const visitorId = `vis_${String(900 + i).padStart(26, "0")}`;
      const b = await recordClick(t.db, { code: codes.B, ip: null, userAgent: "t", referrer: null, subs: [], visitorId, now: new Date(now - 2 * DAY) });
      const a = await recordClick(t.db, { code: codes.A, ip: null, userAgent: "t", referrer: null, subs: [], visitorId, now: new Date(now - DAY) });
      if (!a.found || !b.found) throw new Error("link");
      const r = await recordPostback(t.db, { token: sim.token, click_id: a.clickId, event: "ftd", txn_id: `s-${i}` });
      if (!r.ok || r.status !== "accepted") throw new Error("postback");
      await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    }
    const before = await t.db.$count(commissions);
    const result = await simulate(t.db, { programId: sim.programId, from: new Date(now - 7 * DAY), to: new Date(Date.now() + DAY), models: [{ model: "last_click" }, { model: "first_click" }, { model: "linear" }] });
    expect(result.conversions).toBe(3);
    const row = (id: string) => result.partners.find((p) => p.partnerId === id)?.byModel;
    expect(row(P.A.id)).toEqual([
      { conversions: 3, credit: 3, amounts: { USD: 60_000 } },
      { conversions: 0, credit: 0, amounts: {} },
      { conversions: 3, credit: 1.5, amounts: { USD: 30_000 } },
    ]);
    expect(row(P.B.id)).toEqual([
      { conversions: 0, credit: 0, amounts: {} },
      { conversions: 3, credit: 3, amounts: { USD: 60_000 } },
      { conversions: 3, credit: 1.5, amounts: { USD: 30_000 } },
    ]);
    expect(await t.db.$count(commissions)).toBe(before);

    // What the simulator shows for a model is what re-attributing under it pays, to the cent.
    const model: StoredModel = { model: "position_based", firstShare: 0.3, lastShare: 0.3 };
    const range = { programId: sim.programId, from: new Date(now - 7 * DAY), to: new Date(Date.now() + DAY) };
    const projected = await simulate(t.db, { ...range, models: [model, { model: "last_click" }] });
    await setProgramAttribution(t.db, { programId: sim.programId, model, priority: ["click", "customer_binding", "coupon"] });
    await applyReattribution(t.db, { ...range, actorId: admin.id, reason: "simulated first" });
    const paid = await t.db.execute<{ partner_id: string; total: string }>(sql`
      select c.partner_id, sum(c.amount)::text as total from commissions c join conversions v on v.id = c.conversion_id
      join attributions a on a.conversion_id = v.id and a.superseded_at is null and a.version = c.attribution_version
      where v.program_id = ${sim.programId} group by c.partner_id`);
    const actual = Object.fromEntries(rowsOf<{ partner_id: string; total: string }>(paid).map((r) => [r.partner_id, Number(r.total)]));
    expect(Object.fromEntries(projected.partners.map((p) => [p.partnerId, p.byModel[0]!.amounts.USD ?? 0]))).toEqual(actual);
  });
});
