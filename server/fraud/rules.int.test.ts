import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/db/ids";
import type { SessionUser } from "@/server/auth/authenticate";
import { authenticate } from "@/server/auth/authenticate";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { ago, BOT_UA, convert, DAY, MINUTE, partnerOn, visit, type Partner, type Program } from "@/test/fraud-traffic";
import { makeAdmin, makeProgram, PASSWORD } from "@/test/factories";
import { addBlock } from "./blocks";
import { FRAUD_DEFAULTS, type FraudOverrides, mergeConfig } from "./rules/config";
import { setOfferFraudSettings } from "./settings";

/** Each rule on real traffic: one case that must trip it, one that must not. */
describe.each(await drivers())("fraud rules wired to the database on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
  });
  afterAll(() => t.close());

  /** A fresh program (blocks and settings are per program) with `n` partners; `overrides` tune the offer. */
  async function world(n: number, overrides: FraudOverrides = {}, allowedCountries: string[] = [], offer: Parameters<typeof makeProgram>[1] = {}) {
    const program = await makeProgram(t.db, offer);
    if (Object.keys(overrides).length > 0 || allowedCountries.length > 0) {
      await setOfferFraudSettings(t.db, { offerId: program.offerId, config: mergeConfig(FRAUD_DEFAULTS, overrides), allowedCountries, actorId: admin.id });
    }
    const partners: Partner[] = [];
    for (let i = 0; i < n; i++) partners.push(await partnerOn(t.db, admin, program));
    return { program, partners };
  }
  const ftd = async (program: Program, partner: Partner, click: Parameters<typeof visit>[2] = {}, extra: Record<string, string> = {}) =>
    convert(t.db, program, { click_id: (await visit(t.db, partner, click)).clickId, ...extra });

  it("a clean conversion trips nothing and stays clear", async () => {
    const { program, partners } = await world(1);
    const r = await ftd(program, partners[0]!);
    expect(r.check).toMatchObject({ score: 0, action: "allow", reviewStatus: "cleared", hits: [] });
    expect(r.fraudStatus).toBe("clear");
  });

  it("bot_user_agent: a crawler's click trips, a browser's does not", async () => {
    const { program, partners } = await world(1);
    expect((await ftd(program, partners[0]!, { ua: BOT_UA })).codes).toContain("bot_user_agent");
    expect((await ftd(program, partners[0]!)).codes).not.toContain("bot_user_agent");
  });

  it("datacenter_ip: a hosting network's address trips, a consumer ISP's does not", async () => {
    const { program, partners } = await world(1);
    const dc = await ftd(program, partners[0]!, { ip: "5.101.96.10" });
    expect(dc.codes).toContain("datacenter_ip");
    expect(dc.check?.facts.click).toMatchObject({ asn: 14061, asOrganisation: "DigitalOcean, LLC" });
    expect((await ftd(program, partners[0]!, { ip: "23.24.1.1" })).codes).not.toContain("datacenter_ip");
  });

  it("blocked_range: the block list's ranges and the partner's own blocked sub-IDs trip; another partner's sub-ID block does not", async () => {
    const { program, partners } = await world(2);
    const [a, b] = [partners[0]!, partners[1]!];
    await addBlock(t.db, { programId: program.programId, kind: "cidr", value: "192.0.2.128/25", reason: "proxy farm", actorId: admin.id });
    await addBlock(t.db, { programId: program.programId, kind: "sub_id", value: "bad-sub", partnerId: a.partnerId, reason: "incentivised placement", actorId: admin.id });
    const byRange = await ftd(program, a, { ip: "192.0.2.200" });
    expect(byRange.check?.hits.find((h) => h.code === "blocked_range")?.evidence).toMatchObject({ ip: "192.0.2.200", subId: null });
    expect((await ftd(program, a, { ip: "203.0.113.77", subs: ["bad-sub"] })).codes).toContain("blocked_range");
    expect((await ftd(program, b, { ip: "203.0.113.78", subs: ["bad-sub"] })).codes).not.toContain("blocked_range");
    expect((await ftd(program, a, { ip: "192.0.2.100" })).codes).not.toContain("blocked_range");
  });

  it("duplicate_clicks: a sixth click from one IP on the link within the hour trips, a fifth does not", async () => {
    const { program, partners } = await world(2);
    const [a, b] = [partners[0]!, partners[1]!];
    for (let i = 0; i < 5; i++) await visit(t.db, a, { ip: "203.0.113.10", at: ago((50 - i) * MINUTE) });
    const sixth = await ftd(program, a, { ip: "203.0.113.10", at: ago(10 * MINUTE) });
    expect(sixth.check?.hits.find((h) => h.code === "duplicate_clicks")?.evidence).toMatchObject({ clicksFromIp: 6, maxClicks: 5 });
    for (let i = 0; i < 4; i++) await visit(t.db, b, { ip: "203.0.113.11", at: ago((50 - i) * MINUTE) });
    expect((await ftd(program, b, { ip: "203.0.113.11", at: ago(10 * MINUTE) })).codes).not.toContain("duplicate_clicks");
    // clicks older than the window do not count
    for (let i = 0; i < 5; i++) await visit(t.db, b, { ip: "203.0.113.12", at: ago(3 * 60 * MINUTE + i * MINUTE) });
    expect((await ftd(program, b, { ip: "203.0.113.12", at: ago(10 * MINUTE) })).codes).not.toContain("duplicate_clicks");
  });

  it("ctit_too_short: a conversion two seconds after its click trips, ten minutes after does not", async () => {
    const { program, partners } = await world(1);
    const clickAt = ago(5 * MINUTE);
    const fast = await convert(t.db, program, { click_id: (await visit(t.db, partners[0]!, { at: clickAt })).clickId, at: new Date(clickAt.getTime() + 2000) });
    expect(fast.check?.hits.find((h) => h.code === "ctit_too_short")?.evidence).toMatchObject({ ctitSeconds: 2, minSeconds: 5 });
    expect(fast.check?.facts.ctitSeconds).toBe(2);
    expect((await ftd(program, partners[0]!)).codes).not.toContain("ctit_too_short");
  });

  it("ctit_too_long: a registration 31 days after its click trips; an FTD that late does not", async () => {
    const { program, partners } = await world(1, {}, [], { attributionWindowDays: 60 });
    const late = await ftd(program, partners[0]!, { at: ago(31 * DAY + MINUTE) }, { event: "registration" });
    expect(late.codes).toContain("ctit_too_long");
    expect((await ftd(program, partners[0]!, { at: ago(31 * DAY + MINUTE) })).codes).not.toContain("ctit_too_long");
  });

  it("click_spam: a partner with forty clicks per conversion trips where the offer's norm (as of the day's start) is three", async () => {
    const { program, partners } = await world(3, { rules: { click_spam: { minClicks: 10 } } });
    const [a, b, spammer] = [partners[0]!, partners[1]!, partners[2]!];
    // the offer's norm is taken as of the start of the conversion's day (UTC): yesterday, two clicks a conversion
    const yesterday = new Date(Math.floor(Date.now() / DAY) * DAY - 2 * 60 * MINUTE);
    for (const p of [a, b]) {
      for (let i = 0; i < 2; i++) await visit(t.db, p, { at: new Date(yesterday.getTime() - (i + 1) * MINUTE) });
      await convert(t.db, program, { click_id: (await visit(t.db, p, { at: new Date(yesterday.getTime() - 30 * MINUTE) })).clickId, at: yesterday });
    }
    for (let i = 0; i < 39; i++) await visit(t.db, spammer);
    const spam = await ftd(program, spammer);
    const normal = await ftd(program, a);
    expect(spam.check?.hits.find((h) => h.code === "click_spam")?.evidence).toMatchObject({ clicks: 40, conversions: 1, offerMedian: 3 });
    expect(normal.codes).not.toContain("click_spam");
  });

  it("self_referral: the partner's own login IP or e-mail as the customer's trips; a stranger's does not", async () => {
    const { program, partners } = await world(1);
    const p = partners[0]!;
    await authenticate(t.db, { email: p.email, password: PASSWORD, ip: "203.0.113.50" }, { maxFailures: 5, windowMinutes: 15 });
    const byIp = await ftd(program, p, {}, { customer_id: `c-${seq++}`, customer_ip: "203.0.113.50" });
    expect(byIp.check?.hits.find((h) => h.code === "self_referral")?.evidence).toMatchObject({ ipMatch: true, emailMatch: false });
    const byEmail = await ftd(program, p, {}, { customer_id: `c-${seq++}`, customer_email: `  ${p.email.toUpperCase()} ` });
    expect(byEmail.check?.hits.find((h) => h.code === "self_referral")?.evidence).toMatchObject({ ipMatch: false, emailMatch: true });
    const stranger = await ftd(program, p, {}, { customer_id: `c-${seq++}`, customer_ip: "203.0.113.51", customer_email: "someone@else.example" });
    expect(stranger.codes).not.toContain("self_referral");
  });

  it("multi_partner_customer: one customer, or one device, converting for two partners trips; for one partner does not", async () => {
    const { program, partners } = await world(2);
    const [a, b] = [partners[0]!, partners[1]!];
    const customer = `c-${seq++}`;
    expect((await ftd(program, a, {}, { customer_id: customer })).codes).not.toContain("multi_partner_customer");
    // the reported click outranks the customer's binding, so B is credited and the customer now has two partners
    const second = await convert(t.db, program, { click_id: (await visit(t.db, b)).clickId, customer_id: customer, event: "deposit" });
    expect(second.check?.partnerId).toBe(b.partnerId);
    expect(second.codes).toContain("multi_partner_customer");
    const device = newId("visitor");
    await ftd(program, a, { visitorId: device }, { customer_id: `c-${seq++}` });
    expect((await ftd(program, b, { visitorId: device }, { customer_id: `c-${seq++}` })).codes).toContain("multi_partner_customer");
    const loyal = `c-${seq++}`;
    await ftd(program, a, {}, { customer_id: loyal, event: "registration" });
    expect((await ftd(program, a, {}, { customer_id: loyal })).codes).not.toContain("multi_partner_customer");
  });

  it("registration_burst: a fourth registration from one IP within the hour trips, a third does not", async () => {
    const { program, partners } = await world(1);
    const p = partners[0]!;
    const register = (ip: string) => ftd(program, p, {}, { event: "registration", customer_id: `c-${seq++}`, customer_ip: ip });
    for (let i = 0; i < 3; i++) expect((await register("203.0.113.60")).codes).not.toContain("registration_burst");
    const fourth = await register("203.0.113.60");
    expect(fourth.check?.hits.find((h) => h.code === "registration_burst")?.evidence).toMatchObject({ registrations: 4, maxRegistrations: 3 });
    expect((await register("203.0.113.61")).codes).not.toContain("registration_burst");
  });

  it("geo_not_allowed: a click from a country the offer does not accept trips; an accepted one does not", async () => {
    const { program, partners } = await world(1, {}, ["DE", "AT"]);
    const us = await ftd(program, partners[0]!, { ip: "23.24.1.1" });
    expect(us.check?.hits.find((h) => h.code === "geo_not_allowed")?.evidence).toMatchObject({ country: "US", allowed: "AT,DE" });
    expect((await ftd(program, partners[0]!, { ip: "2.58.100.1" })).codes).not.toContain("geo_not_allowed");
  });

  it("refund_rate: one sale in four refunded (25%) trips; one in five (20%) does not", async () => {
    const { program, partners } = await world(2, { rules: { refund_rate: { minSales: 4 } } });
    const [a, b] = [partners[0]!, partners[1]!];
    const sale = (p: Partner, txn: string) => ftd(program, p, {}, { amount: "100.00", txn_id: txn });
    for (const [p, prefix, n] of [[a, "ra", 3], [b, "rb", 4]] as const) {
      for (let i = 0; i < n; i++) await sale(p, `${prefix}-${seq}-${i}`);
      await convert(t.db, program, { event: "refund", txn_id: `${prefix}-${seq}-0`, click_id: (await visit(t.db, p)).clickId });
    }
    const tripped = await sale(a, `ra-${seq}-x`);
    expect(tripped.check?.hits.find((h) => h.code === "refund_rate")?.evidence).toMatchObject({ sales: 4, refunds: 1, rateBp: 2500 });
    expect((await sale(b, `rb-${seq}-x`)).codes).not.toContain("refund_rate");
  });

  it("missing_follow_up: registrations that never deposit trip; registrations that deposited do not", async () => {
    const { program, partners } = await world(2, { rules: { missing_follow_up: { minRegistrations: 3 } } });
    const [idle, active] = [partners[0]!, partners[1]!];
    for (const p of [idle, active]) {
      for (let i = 0; i < 3; i++) {
        const customer = `c-${seq++}`;
        const at = ago(20 * DAY);
        await convert(t.db, program, { click_id: (await visit(t.db, p, { at: ago(20 * DAY + 10 * MINUTE) })).clickId, event: "registration", customer_id: customer, at });
        if (p === active) await convert(t.db, program, { customer_id: customer, event: "deposit", at: new Date(at.getTime() + 2 * DAY) });
      }
    }
    expect((await ftd(program, idle)).check?.hits.find((h) => h.code === "missing_follow_up")?.evidence).toMatchObject({ matured: 3, withoutDeposit: 3 });
    expect((await ftd(program, active)).codes).not.toContain("missing_follow_up");
  });

  it("refunds and unattributed events are not checked; a retried job keeps the first result", async () => {
    const { program, partners } = await world(1);
    const sale = await ftd(program, partners[0]!, { ua: BOT_UA }, { amount: "10.00", txn_id: `keep-${seq}` });
    const refund = await convert(t.db, program, { event: "refund", txn_id: `keep-${seq}`, click_id: (await visit(t.db, partners[0]!)).clickId });
    expect(refund.check).toBeNull();
    expect(refund.job.fraud).toEqual({ checked: false, reason: "refunds and chargebacks are not checked" });
    const again = await processConversionSteps(t.db, immediateSteps, { conversionId: sale.conversionId });
    expect(again.fraud).toMatchObject({ checked: true, checkId: sale.check?.id, action: sale.check?.action });
  });
});
