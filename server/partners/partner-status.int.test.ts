import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clicks, commissions, conversions, partners, partnerStatusEvents } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { attributeConversion } from "@/server/attribution/attribute-batch";
import { accrueCommission } from "@/server/commissions/conversion-commission";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { findLinkTarget } from "@/server/tracking/link-cache";
import { recordClick } from "@/server/tracking/record-click";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { BROWSER_UA, click, makeAdmin, makePartner, partnerOnPlan, visitorIp } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { setPartnerSponsor } from "./set-partner-sponsor";
import { setPartnerStatus } from "./set-partner-status";

describe.each(await drivers())("partners who are not approved never earn, on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let seq = 0;
  const cpa = { currency: "USD", components: { cpa: { event: "ftd", amount: 10_000n } } } as const;

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
  });
  afterAll(async () => {
    await expectLedgerInvariants(t.db);
    await t.close();
  });

  async function report(token: string, ids: { click_id?: string; customer_id?: string }) {
    const r = await recordPostback(t.db, { token, ...ids, event: "ftd", txn_id: `st-${seq++}` });
    if (!r.ok || r.status !== "accepted") throw new Error("refused");
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    return r.conversionId;
  }
  const earned = async (conversionId: string) => (await t.db.select().from(commissions).where(eq(commissions.conversionId, conversionId)).orderBy(commissions.kind, commissions.level)).map((c) => [c.partnerId, c.amount]);
  const suspend = (partnerId: string) => setPartnerStatus(t.db, { partnerId, action: "suspend", reason: "traffic quality", actorId: admin.id });

  it("still redirects a suspended partner's link to the landing page, marks the click and credits nothing", async () => {
    const s = await partnerOnPlan(t.db, admin, cpa);
    expect((await findLinkTarget(t.db, s.code))?.partnerStatus).toBe("approved"); // cached while approved
    await suspend(s.partnerId);
    const r = await recordClick(t.db, { code: s.code, ip: visitorIp(), userAgent: BROWSER_UA, referrer: null, subs: [], now: new Date(Date.now() - 60_000) });
    expect(r.found).toBe(true);
    if (!r.found) return;
    expect(r.location).toMatch(/^https:\/\/lp\.example\.com\/\?cid=clk_/);
    const [row] = await t.db.select().from(clicks).where(eq(clicks.id, r.clickId));
    expect(row?.notCreditedReason).toBe("partner_suspended");
    const conversionId = await report(s.token, { click_id: r.clickId });
    expect(await earned(conversionId)).toEqual([]);
    const [conv] = await t.db.select().from(conversions).where(eq(conversions.id, conversionId));
    expect(conv?.attributionStatus).toBe("unattributed");
    expect(conv?.attributionReason).toContain("suspended");
  });

  it("credits nothing for a click made while approved once the partner is suspended, rejected or closed", async () => {
    for (const action of ["suspend", "close"] as const) {
      const s = await partnerOnPlan(t.db, admin, cpa);
      const old = await click(t.db, s.code);
      await setPartnerStatus(t.db, { partnerId: s.partnerId, action, reason: "policy", actorId: admin.id });
      expect(await earned(await report(s.token, { click_id: old }))).toEqual([]);
    }
    const s = await partnerOnPlan(t.db, admin, cpa);
    const old = await click(t.db, s.code);
    // rejected after approval, as the fraud tools may do: no route back to approval may be needed for this
    await t.db.update(partners).set({ status: "rejected" }).where(eq(partners.id, s.partnerId));
    expect(await earned(await report(s.token, { click_id: old }))).toEqual([]);
  });

  it("credits nothing through a customer binding made while the partner was approved", async () => {
    const s = await partnerOnPlan(t.db, admin, cpa);
    const customer = `cust-${seq}`;
    const first = await report(s.token, { click_id: await click(t.db, s.code), customer_id: customer });
    expect(await earned(first)).toEqual([[s.partnerId, 10_000]]);
    await suspend(s.partnerId);
    expect(await earned(await report(s.token, { customer_id: customer }))).toEqual([]);
  });

  it("refuses accrual for a partner suspended between attribution and accrual", async () => {
    const s = await partnerOnPlan(t.db, admin, cpa);
    const r = await recordPostback(t.db, { token: s.token, click_id: await click(t.db, s.code), event: "ftd", txn_id: `st-${seq++}` });
    if (!r.ok || r.status !== "accepted") throw new Error("refused");
    expect((await attributeConversion(t.db, r.conversionId)).partnerId).toBe(s.partnerId);
    await suspend(s.partnerId);
    expect(await accrueCommission(t.db, r.conversionId)).toMatchObject({ accrued: false });
    expect(await earned(r.conversionId)).toEqual([]);
    const [conv] = await t.db.select().from(conversions).where(eq(conversions.id, r.conversionId));
    expect(conv?.commissionNote).toContain("suspended");
  });

  it("credits nothing when another process changed the status while this one still has the link cached", async () => {
    const s = await partnerOnPlan(t.db, admin, cpa);
    await findLinkTarget(t.db, s.code); // cached as approved
    // a status change this process never heard of (another server): the cache still says approved
    await t.db.update(partners).set({ status: "suspended" }).where(eq(partners.id, s.partnerId));
    const clickId = await click(t.db, s.code);
    expect(await earned(await report(s.token, { click_id: clickId }))).toEqual([]);
  });

  it("pays again after reactivation, for new clicks only, and keeps the status history with reasons", async () => {
    const s = await partnerOnPlan(t.db, admin, cpa);
    await suspend(s.partnerId);
    const during = await click(t.db, s.code);
    await setPartnerStatus(t.db, { partnerId: s.partnerId, action: "reactivate", reason: "resolved", actorId: admin.id });
    expect(await earned(await report(s.token, { click_id: during }))).toEqual([]);
    expect(await earned(await report(s.token, { click_id: await click(t.db, s.code) }))).toEqual([[s.partnerId, 10_000]]);
    const history = await t.db.select().from(partnerStatusEvents).where(eq(partnerStatusEvents.partnerId, s.partnerId)).orderBy(partnerStatusEvents.createdAt);
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.reason])).toEqual([
      ["pending", "approved", null],
      ["approved", "suspended", "traffic quality"],
      ["suspended", "approved", "resolved"],
    ]);
  });

  it("refuses a suspension without a reason, and transitions that make no sense", async () => {
    const p = await makePartner(t.db, admin, "pending");
    await expect(setPartnerStatus(t.db, { partnerId: p.partnerId, action: "suspend", reason: "x", actorId: admin.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(setPartnerStatus(t.db, { partnerId: p.partnerId, action: "close", reason: " ", actorId: admin.id })).rejects.toMatchObject({ code: "BAD_REQUEST", field: "reason" });
    await expect(setPartnerStatus(t.db, { partnerId: "prt_missing", action: "approve", actorId: admin.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("pays no override to a suspended sponsor, and the levels above still earn", async () => {
    const s = await partnerOnPlan(t.db, admin, { currency: "USD", components: { cpa: { event: "ftd", amount: 10_000n }, multiTier: { levels: [1000, 500] } } });
    const parent = await makePartner(t.db, admin);
    const grand = await makePartner(t.db, admin);
    await setPartnerSponsor(t.db, { partnerId: parent.partnerId, sponsorId: grand.partnerId, actorId: admin.id, now: new Date(Date.now() - 3_600_000) });
    await setPartnerSponsor(t.db, { partnerId: s.partnerId, sponsorId: parent.partnerId, actorId: admin.id, now: new Date(Date.now() - 3_600_000) });
    await suspend(parent.partnerId);
    expect(await earned(await report(s.token, { click_id: await click(t.db, s.code) }))).toEqual([
      [s.partnerId, 10_000],
      [grand.partnerId, 500],
    ]);
  });
});
