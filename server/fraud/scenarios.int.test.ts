import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickFraudFindings, clicks, commissions } from "@/db/schema";
import { authenticate, type SessionUser } from "@/server/auth/authenticate";
import { approveCommissions } from "@/server/commissions/review-commissions";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makeProgram, PASSWORD } from "@/test/factories";
import { ago, BOT_UA, convert, MINUTE, partnerOn, visit, type Partner, type Program } from "@/test/fraud-traffic";
import { FRAUD_DEFAULTS, mergeConfig } from "./rules/config";
import { scanClicks } from "./scan-clicks";
import { setProgramFraudSettings } from "./settings";

/**
 * The three patterns end to end, in one run: traffic goes through the real click path (recordClick) and the
 * real postback path (recordPostback + the conversion job), and the commission must end held or rejected with
 * the right reason, while clean traffic in the same program is untouched.
 */
describe.each(await drivers())("fraud scenarios through the click and postback paths on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let program: Program;
  let bots: Partner;
  let injector: Partner;
  let selfish: Partner;
  let honest: Partner;
  const outcome: Record<string, Awaited<ReturnType<typeof convert>>> = {};
  const clean: Awaited<ReturnType<typeof convert>>[] = [];

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    program = await makeProgram(t.db);
    // This operator holds click injection on sight: a click-to-conversion time under 5 s scores 60 (hold).
    await setProgramFraudSettings(t.db, { programId: program.programId, config: mergeConfig(FRAUD_DEFAULTS, { rules: { ctit_too_short: { score: 60 } } }), actorId: admin.id });
    [bots, injector, selfish, honest] = [await partnerOn(t.db, admin, program), await partnerOn(t.db, admin, program), await partnerOn(t.db, admin, program), await partnerOn(t.db, admin, program)];

    // Clean traffic before, between and after the fraud: ordinary browsers, one address each, minutes to convert.
    const honestSale = async (i: number) => clean.push(await convert(t.db, program, { click_id: (await visit(t.db, honest, { at: ago((30 - i) * MINUTE) })).clickId, at: ago((20 - i) * MINUTE) }));
    await honestSale(0);

    // Bot burst: a crawler clicks one link 30 times in five minutes from one hosting address; one click "converts".
    let last = "";
    for (let i = 0; i < 30; i++) last = (await visit(t.db, bots, { ip: "5.101.96.10", ua: BOT_UA, at: new Date(ago(25 * MINUTE).getTime() + i * 10_000) })).clickId;
    outcome.bots = await convert(t.db, program, { click_id: last, at: ago(12 * MINUTE) });
    await honestSale(1);

    // Click injection: the click fires two seconds before the install completes.
    const clickedAt = ago(8 * MINUTE);
    const injected = await visit(t.db, injector, { at: clickedAt });
    outcome.injection = await convert(t.db, program, { click_id: injected.clickId, event: "ftd", at: new Date(clickedAt.getTime() + 2000) });
    await honestSale(2);

    // Self-referral: the partner signs in to the portal, then "refers" a customer from the same address and e-mail.
    await authenticate(t.db, { email: selfish.email, password: PASSWORD, ip: "203.0.113.50" }, { maxFailures: 5, windowMinutes: 15 });
    const own = await visit(t.db, selfish, { ip: "203.0.113.50", at: ago(15 * MINUTE) });
    outcome.self = await convert(t.db, program, { click_id: own.clickId, customer_id: "me-myself", customer_ip: "203.0.113.50", customer_email: selfish.email, at: ago(5 * MINUTE) });
    await honestSale(3);
  });
  afterAll(() => t.close());

  const commissionOf = async (conversionId: string) => (await t.db.select().from(commissions).where(eq(commissions.conversionId, conversionId)))[0];
  const codes = (name: string) => outcome[name]?.codes ?? [];

  it("bot burst: held for bot user agent, datacenter network and duplicate clicks; the commission cannot be approved", async () => {
    const r = outcome.bots!;
    expect(r.fraudStatus).toBe("held");
    expect(codes("bots").sort()).toEqual(["bot_user_agent", "datacenter_ip", "duplicate_clicks"]);
    expect(r.check?.hits.find((h) => h.code === "duplicate_clicks")?.evidence).toMatchObject({ clicksFromIp: 30 });
    expect(r.check).toMatchObject({ score: 90, action: "hold", reviewStatus: "open" });
    const c = await commissionOf(r.conversionId);
    expect(c).toBeDefined();
    const review = await approveCommissions(t.db, { commissionIds: [c!.id], actorId: admin.id });
    expect(review).toEqual({ changed: [], skipped: [{ id: c!.id, status: "pending", reason: "fraud review: held" }] });
  });

  it("click injection: held for a two-second click-to-conversion time", async () => {
    const r = outcome.injection!;
    expect(r.fraudStatus).toBe("held");
    expect(codes("injection")).toEqual(["ctit_too_short"]);
    expect(r.check?.hits[0]).toMatchObject({ category: "timing", evidence: { ctitSeconds: 2, minSeconds: 5 } });
    expect((await approveCommissions(t.db, { commissionIds: [(await commissionOf(r.conversionId))!.id], actorId: admin.id })).changed).toEqual([]);
  });

  it("self-referral: held because the customer's IP and e-mail are the partner's own", async () => {
    const r = outcome.self!;
    expect(r.fraudStatus).toBe("held");
    expect(codes("self")).toEqual(["self_referral"]);
    expect(r.check?.hits[0]?.evidence).toMatchObject({ ipMatch: true, emailMatch: true, ip: "203.0.113.50" });
    expect(r.check?.hits[0]?.partnerMessage).toBe("Some of this activity appears to come from your own accounts or devices.");
  });

  it("clean traffic in the same run is untouched: clear, no hits, approvable", async () => {
    expect(clean).toHaveLength(4);
    for (const r of clean) {
      expect(r.fraudStatus).toBe("clear");
      expect(r.check).toMatchObject({ score: 0, action: "allow", hits: [] });
    }
    const ids = await Promise.all(clean.map(async (r) => (await commissionOf(r.conversionId))!.id));
    expect((await approveCommissions(t.db, { commissionIds: ids, actorId: admin.id })).changed.sort()).toEqual([...ids].sort());
  });

  it("the click sweep records the burst's clicks and leaves the honest partner's alone", async () => {
    const swept = await scanClicks(t.db);
    expect(swept.scanned).toBeGreaterThanOrEqual(30 + 4 + 2);
    const findings = await t.db.select({ clickId: clickFraudFindings.clickId, partnerId: clickFraudFindings.partnerId, hits: clickFraudFindings.hits }).from(clickFraudFindings);
    const botFindings = findings.filter((f) => f.partnerId === bots.partnerId);
    expect(botFindings).toHaveLength(30);
    expect(botFindings.every((f) => f.hits.some((h) => h.code === "bot_user_agent") && f.hits.some((h) => h.code === "datacenter_ip"))).toBe(true);
    // the 6th click onwards is one too many from that address
    expect(botFindings.filter((f) => f.hits.some((h) => h.code === "duplicate_clicks"))).toHaveLength(25);
    const honestClicks = await t.db.select({ id: clicks.id }).from(clicks).where(eq(clicks.partnerId, honest.partnerId));
    expect(findings.filter((f) => honestClicks.some((c) => c.id === f.clickId))).toEqual([]);
    // a second sweep finds nothing new and writes nothing twice
    expect(await scanClicks(t.db)).toEqual({ scanned: 0, flagged: 0 });
    expect(await t.db.$count(clickFraudFindings, inArray(clickFraudFindings.partnerId, [bots.partnerId, injector.partnerId, selfish.partnerId, honest.partnerId]))).toBe(findings.length);
  });
});
