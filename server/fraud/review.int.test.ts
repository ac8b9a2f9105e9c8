import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissions, fraudChecks, ledgerEntries, notifications } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { approveCommissions } from "@/server/commissions/review-commissions";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makeProgram } from "@/test/factories";
import { ago, BOT_UA, convert, MINUTE, partnerOn, visit, type Partner, type Program } from "@/test/fraud-traffic";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { expectCode } from "@/test/trpc-errors";
import { FRAUD_DEFAULTS, mergeConfig } from "./rules/config";

const page = { limit: 50, offset: 0 };

/** The admin's review (queue, evidence, clear, reject, block, risk, settings) and the partner's side, through tRPC. */
describe.each(await drivers())("fraud review through tRPC on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let program: Program;
  let a: Partner;
  let b: Partner;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });
  /** A held conversion of `partner`: a crawler's click from a hosting network (40 + 30 = 70). */
  const held = async (partner: Partner) => convert(t.db, program, { click_id: (await visit(t.db, partner, { ua: BOT_UA, ip: "5.101.96.10" })).clickId });
  const commissionOf = async (conversionId: string) => {
    const [c] = await t.db.select().from(commissions).where(eq(commissions.conversionId, conversionId));
    if (!c) throw new Error("no commission");
    return c;
  };

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    program = await makeProgram(t.db);
    a = await partnerOn(t.db, admin, program);
    b = await partnerOn(t.db, admin, program);
  });
  afterAll(async () => {
    await expectLedgerInvariants(t.db);
    await t.close();
  });

  it("refuses partners and strangers the admin side, and admins the partner side", async () => {
    await expectCode(as(null).fraud.queue({ programId: program.programId, ...page }), "UNAUTHORIZED");
    await expectCode(as(a.session).fraud.queue({ programId: program.programId, ...page }), "FORBIDDEN");
    await expectCode(as(a.session).fraud.block({ programId: program.programId, kind: "ip", value: "203.0.113.1", reason: "mine" }), "FORBIDDEN");
    await expectCode(as(a.session).fraud.settings({ programId: program.programId }), "FORBIDDEN");
    await expectCode(as(admin).fraud.myReviews(page), "FORBIDDEN");
  });

  it("queues a held conversion with its evidence; clearing it makes the commission approvable", async () => {
    const r = await held(a);
    const queue = await as(admin).fraud.queue({ programId: program.programId, ...page });
    const item = queue.items.find((i) => i.conversionId === r.conversionId);
    expect(item).toMatchObject({ action: "hold", reviewStatus: "open", partnerName: expect.any(String), clickIp: "5.101.96.10", fraudStatus: "held" });
    const detail = await as(admin).fraud.check({ checkId: item!.id });
    expect(detail.check.hits.map((h) => h.code).sort()).toEqual(["bot_user_agent", "datacenter_ip"]);
    expect(detail.journey).toEqual([expect.objectContaining({ ip: "5.101.96.10", isBot: true, asn: 14061, hosting: true })]);
    expect(detail.blockable).toMatchObject({ ip: "5.101.96.10", ipBlocked: false, subIds: [{ value: "campaign", blocked: false }] });
    expect(detail.commissions).toEqual([expect.objectContaining({ partnerId: a.partnerId, status: "pending" })]);

    const c = await commissionOf(r.conversionId);
    expect((await approveCommissions(t.db, { commissionIds: [c.id], actorId: admin.id })).changed).toEqual([]);
    await as(admin).fraud.clear({ checkId: item!.id, note: "known crawler preview, real customer" });
    expect((await approveCommissions(t.db, { commissionIds: [c.id], actorId: admin.id })).changed).toEqual([c.id]);
    const [check] = await t.db.select().from(fraudChecks).where(eq(fraudChecks.id, item!.id));
    expect(check).toMatchObject({ reviewStatus: "cleared", decidedBy: admin.id, decisionNote: "known crawler preview, real customer" });
    await expectCode(as(admin).fraud.clear({ checkId: item!.id }), "CONFLICT");
    expect((await as(admin).fraud.queue({ programId: program.programId, ...page })).items.some((i) => i.id === item!.id)).toBe(false);
  });

  it("rejecting reverses the commission with the reason category only, and tells the partner", async () => {
    const r = await held(a);
    const c = await commissionOf(r.conversionId);
    const out = await as(admin).fraud.reject({ checkId: r.check!.id, note: "same DO droplet as last week's farm" });
    expect(out.reversed).toEqual([expect.objectContaining({ commissionId: c.id, bucket: "pending", amount: 20_000 })]);
    const entries = await t.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.commissionId, c.id), eq(ledgerEntries.type, "reversal")));
    expect(entries).toEqual([expect.objectContaining({ amount: -20_000, reason: "Rejected after fraud review: automated traffic, network not accepted", source: "admin", actorId: admin.id })]);
    // the internal note and the detection details stay with the admin
    expect(JSON.stringify(entries)).not.toMatch(/droplet|bot_user_agent|5\.101/);
    const [notice] = await t.db.select().from(notifications).where(and(eq(notifications.partnerId, a.partnerId), eq(notifications.kind, "fraud_rejected")));
    expect(notice?.body).toBe("Rejected after fraud review: automated traffic, network not accepted");
    await expectCode(as(admin).fraud.reject({ checkId: r.check!.id, note: "again" }), "CONFLICT");
    await expectCode(as(admin).fraud.clear({ checkId: r.check!.id }), "CONFLICT");
  });

  it("blocking an IP from the queue rejects the next conversion from it outright; clearing that accrues its commission", async () => {
    await as(admin).fraud.block({ programId: program.programId, kind: "ip", value: "::ffff:5.101.96.10", reason: "bot farm" });
    const again = await as(admin).fraud.block({ programId: program.programId, kind: "ip", value: "5.101.96.10", reason: "twice" });
    expect(again).toMatchObject({ created: false, block: { value: "5.101.96.10" } });
    await expectCode(as(admin).fraud.block({ programId: program.programId, kind: "cidr", value: "5.101.96.0/33", reason: "bad" }), "BAD_REQUEST");
    await expectCode(as(admin).fraud.block({ programId: program.programId, kind: "sub_id", value: "x", reason: "no partner" }), "BAD_REQUEST");

    const r = await held(b);
    expect(r).toMatchObject({ fraudStatus: "rejected", check: { action: "reject", reviewStatus: "rejected", decidedBy: null } });
    expect(r.job.accrual).toEqual({ accrued: false, reason: "rejected by fraud checks" });
    expect(await t.db.$count(commissions, eq(commissions.conversionId, r.conversionId))).toBe(0);
    // the rules' rejection is not final: on appeal, an admin may clear it, and the commission accrues then
    const cleared = await as(admin).fraud.clear({ checkId: r.check!.id, note: "shared office NAT" });
    expect(cleared.accrual).toMatchObject({ accrued: true, amount: 20_000 });
    expect((await commissionOf(r.conversionId)).partnerId).toBe(b.partnerId);

    const blocks = await as(admin).fraud.blocks({ programId: program.programId });
    await as(admin).fraud.unblock({ blockId: blocks[0]!.block.id });
    expect((await as(admin).fraud.blocks({ programId: program.programId }))[0]?.block.revokedAt).toBeInstanceOf(Date);
    expect((await held(b)).fraudStatus).toBe("held");
  });

  it("shows the partner held and rejected conversions by category only, and routes their appeal to the queue", async () => {
    const r = await held(b);
    const mine = await as(b.session).fraud.myReviews(page);
    const item = mine.items.find((i) => i.conversionId === r.conversionId);
    expect(item).toMatchObject({ status: "held", reasons: [{ category: "bot", label: "automated traffic" }, { category: "network", label: "network not accepted" }] });
    expect(JSON.stringify(mine)).not.toMatch(/bot_user_agent|datacenter|5\.101|evidence|score/);
    // another partner cannot see or appeal it
    expect(await as(a.session).fraud.myReview({ conversionId: r.conversionId })).toBeNull();
    await expectCode(as(a.session).fraud.appeal({ conversionId: r.conversionId, message: "This is my conversion, honestly." }), "NOT_FOUND");
    expect((await as(a.session).fraud.myReviews(page)).items.some((i) => i.conversionId === r.conversionId)).toBe(false);

    await as(b.session).fraud.appeal({ conversionId: r.conversionId, message: "Our landing page is prerendered by a crawler; the customer is real." });
    await expectCode(as(b.session).fraud.appeal({ conversionId: r.conversionId, message: "Any news on this one please?" }), "CONFLICT");
    const appealed = await as(admin).fraud.queue({ programId: program.programId, view: "appealed", ...page });
    expect(appealed.items.map((i) => i.conversionId)).toEqual([r.conversionId]);
    const detail = await as(admin).fraud.check({ checkId: appealed.items[0]!.id });
    expect(detail.appeals).toEqual([expect.objectContaining({ status: "open", message: expect.stringContaining("prerendered") })]);

    await as(admin).fraud.replyToAppeal({ appealId: detail.appeals[0]!.id, reply: "Please send the customer's registration time." });
    const review = await as(b.session).fraud.myReview({ conversionId: r.conversionId });
    expect(review).toMatchObject({ status: "held", canAppeal: true, appeals: [{ status: "answered", reply: "Please send the customer's registration time." }] });
    expect(review?.reasons[0]?.message).toBe("Some of this traffic appears to be automated.");
  });

  it("counts risk per partner by reason, riskiest first", async () => {
    const risk = await as(admin).fraud.risk({ programId: program.programId, days: 30 });
    const [first] = risk.partners;
    expect(risk.partners.map((p) => p.partnerId).sort()).toEqual([a.partnerId, b.partnerId].sort());
    for (const p of risk.partners) {
      expect(p.checked).toBeGreaterThan(0);
      expect(p.reasons.find((x) => x.code === "bot_user_agent")?.count).toBe(p.checked);
      expect(p.heldBp + p.rejectedBp).toBeLessThanOrEqual(10_000);
    }
    expect(first!.heldBp + first!.rejectedBp).toBeGreaterThanOrEqual(risk.partners[1]!.heldBp + risk.partners[1]!.rejectedBp);
  });

  it("keeps settings as overrides: an offer inherits program changes it does not override, and a change that breaks an offer is refused", async () => {
    const api = as(admin);
    await api.fraud.setProgramSettings({ programId: program.programId, config: mergeConfig(FRAUD_DEFAULTS, { rules: { bot_user_agent: { score: 70 } } }) });
    const offerConfig = mergeConfig(FRAUD_DEFAULTS, { rules: { bot_user_agent: { score: 70 }, ctit_too_short: { minSeconds: 30 } }, actions: { holdAt: 50 } });
    await api.fraud.setOfferSettings({ offerId: program.offerId, config: offerConfig, allowedCountries: ["de", "AT"] });
    let settings = await api.fraud.settings({ programId: program.programId });
    const offer = settings.offers.find((o) => o.id === program.offerId)!;
    expect(offer.overrides).toEqual({ rules: { ctit_too_short: { minSeconds: 30 } }, actions: { holdAt: 50 } });
    expect(offer.allowedCountries).toEqual(["AT", "DE"]);

    await api.fraud.setProgramSettings({ programId: program.programId, config: mergeConfig(FRAUD_DEFAULTS, { rules: { bot_user_agent: { score: 55 } } }) });
    settings = await api.fraud.settings({ programId: program.programId });
    expect(settings.offers.find((o) => o.id === program.offerId)?.config.rules.bot_user_agent.score).toBe(55);
    await expectCode(api.fraud.setProgramSettings({ programId: program.programId, config: mergeConfig(FRAUD_DEFAULTS, { actions: { flagAt: 55, holdAt: 60 } }) }), "BAD_REQUEST");
    await expectCode(api.fraud.setProgramSettings({ programId: program.programId, config: { ...FRAUD_DEFAULTS, actions: { flagAt: 80, holdAt: 60, rejectAt: 100 } } }), "BAD_REQUEST");

    // the offer's own threshold and the program's new score are what its next check uses: 55 holds at 50
    const r = await convert(t.db, program, { click_id: (await visit(t.db, a, { ua: BOT_UA, at: ago(20 * MINUTE), ip: "2.58.100.1" })).clickId });
    expect(r.check).toMatchObject({ score: 55, action: "hold", thresholds: { flagAt: 30, holdAt: 50, rejectAt: 100 } });
  });
});
