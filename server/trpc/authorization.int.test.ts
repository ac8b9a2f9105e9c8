import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { mailMessages, partners, users } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { recordPostback } from "@/server/conversions/record-postback";
import { drainOutbox } from "@/server/jobs/outbox";
import { drainRollups } from "@/server/reports/run-rollups";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram, partnerIdByEmail } from "@/test/factories";
import { createCaller } from "./root";

const page = { limit: 100, offset: 0 };

// Lists of calls are checked with Promise.all so that every rejection has a handler from the start.
async function expectCode(p: Promise<unknown>, code: TRPCError["code"]) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  expect((err as TRPCError).code).toBe(code);
  return err as TRPCError;
}

describe.each(await drivers())("tRPC authorization on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let a: Awaited<ReturnType<typeof makePartner>>;
  let b: Awaited<ReturnType<typeof makePartner>>;
  let seq = 0;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });

  async function earn(partnerId: string, token: string, offerId: string) {
    const clickId = await click(t.db, await linkCode(t.db, partnerId, offerId));
    const r = await recordPostback(t.db, { token, click_id: clickId, event: "ftd", txn_id: `authz-${seq++}` });
    if (!r.ok) throw new Error(r.message);
    await drainOutbox(t.db);
  }

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    const usd = await makeProgram(t.db);
    const eur = await makeProgram(t.db, { currency: "EUR", cpaAmount: 7_000 });
    a = await makePartner(t.db, admin);
    b = await makePartner(t.db, admin);
    await earn(a.partnerId, usd.token, usd.offerId);
    await earn(b.partnerId, usd.token, usd.offerId);
    await earn(b.partnerId, eur.token, eur.offerId);
  });
  afterAll(() => t.close());

  it("refuses anonymous callers with UNAUTHORIZED", async () => {
    await expectCode(as(null).partner.balances(), "UNAUTHORIZED");
    await expectCode(as(null).partner.links(), "UNAUTHORIZED");
    await expectCode(as(null).admin.commissions(page), "UNAUTHORIZED");
    await expectCode(as(null).admin.createPayoutBatch({ currency: "USD" }), "UNAUTHORIZED");
    await expectCode(as(null).offerPixels.list(), "UNAUTHORIZED");
    await expectCode(as(null).offerPixels.save({ offerId: "ofr_x", enabled: true, events: ["ftd"], allowedOrigins: [] }), "UNAUTHORIZED");
    await expectCode(as(null).offerPixels.regenerateKey({ offerId: "ofr_x" }), "UNAUTHORIZED");
  });

  it("lets only admins see and change an offer's pixel (its key turns forged reports into accepted ones)", async () => {
    const p = as(a.session);
    const [offerId] = Object.values(await as(admin).offerPixels.list()).flat().map((o) => o.offerId);
    await expectCode(p.offerPixels.list(), "FORBIDDEN");
    await expectCode(p.offerPixels.save({ offerId: offerId ?? "", enabled: true, events: ["ftd"], allowedOrigins: [] }), "FORBIDDEN");
    await expectCode(p.offerPixels.regenerateKey({ offerId: offerId ?? "" }), "FORBIDDEN");
    expect(Object.values(await as(admin).offerPixels.list()).flat().every((o) => !o.enabled && o.key === null)).toBe(true);
    const saved = await as(admin).offerPixels.save({ offerId: offerId ?? "", enabled: true, events: ["ftd"], allowedOrigins: ["https://www.example.com/"] });
    expect(saved).toMatchObject({ enabled: true, events: ["ftd"], allowedOrigins: ["https://www.example.com"] });
    await expectCode(as(admin).offerPixels.save({ offerId: offerId ?? "", enabled: true, events: ["spin"], allowedOrigins: [] }), "BAD_REQUEST");
    expect((await as(admin).offerPixels.regenerateKey({ offerId: offerId ?? "" })).key).not.toBe(saved?.key);
  });

  it("refuses a partner every admin procedure with FORBIDDEN", async () => {
    const p = as(a.session);
    await expectCode(p.admin.commissions(page), "FORBIDDEN");
    await expectCode(p.admin.partners(page), "FORBIDDEN");
    await expectCode(p.admin.balances(), "FORBIDDEN");
    await expectCode(p.admin.program(), "FORBIDDEN");
    await expectCode(p.admin.reviewPartner({ partnerId: a.partnerId, decision: "approve" }), "FORBIDDEN");
    await expectCode(p.admin.createPayoutBatch({ currency: "USD" }), "FORBIDDEN");
    await expectCode(p.admin.partner({ partnerId: b.partnerId }), "FORBIDDEN");
    await expectCode(p.admin.partnerAction({ partnerId: b.partnerId, action: "suspend", reason: "x" }), "FORBIDDEN");
    await expectCode(p.admin.updatePartner({ partnerId: b.partnerId, name: "Hijacked" }), "FORBIDDEN");
    await expectCode(p.admin.addPartnerNote({ partnerId: b.partnerId, body: "x" }), "FORBIDDEN");
    await expectCode(p.admin.managers(), "FORBIDDEN");
    await expectCode(p.admin.assignManager({ partnerId: b.partnerId, managerUserId: null }), "FORBIDDEN");
    await expectCode(p.admin.setSponsor({ partnerId: b.partnerId, sponsorId: a.partnerId }), "FORBIDDEN");
    await expectCode(as(null).admin.partner({ partnerId: b.partnerId }), "UNAUTHORIZED");
    expect((await t.db.select({ status: partners.status, name: partners.name, parent: partners.parentPartnerId }).from(partners).where(eq(partners.id, b.partnerId)))[0]).toMatchObject({ status: "approved", parent: null });
    const { items } = await as(admin).admin.commissions(page);
    await expectCode(p.admin.approveCommissions({ commissionIds: items.map((i) => i.id) }), "FORBIDDEN");
    // nothing was approved by the refused call
    expect((await as(admin).admin.commissions({ ...page, status: "approved" })).total).toBe(0);
  });

  it("keeps programs and offers for admins, and the offer catalogue for approved partners", async () => {
    const [program] = await as(admin).programs.list();
    const programId = program?.id ?? "";
    const { items } = await as(admin).admin.commissions(page);
    const offerId = items[0]?.offerId ?? "";
    const programFields = { name: "Forbidden", defaultCurrency: "USD", timeZone: "UTC", signUpMode: "open_approval" as const };
    const offerFields = { name: "Forbidden", description: "", landingUrl: "https://lp.example.com/", currency: "USD", eventTypes: "ftd", attributionWindowDays: 30, deepLinkHosts: "", visibility: "all" as const };
    const adminCalls = (c: ReturnType<typeof as>) => [
      c.programs.list(),
      c.programs.get({ programId }),
      c.programs.checklist(),
      c.programs.create(programFields),
      c.programs.update({ programId, ...programFields }),
      c.programs.setStatus({ programId, status: "archived" }),
      c.programs.regeneratePostbackToken({ programId, graceHours: 0 }),
      c.offers.list({}),
      c.offers.get({ offerId }),
      c.offers.create({ programId, ...offerFields }),
      c.offers.update({ offerId, ...offerFields }),
      c.offers.setStatus({ offerId, status: "archived" }),
      c.offers.duplicate({ offerId }),
      c.offers.decideAccess({ requestId: "oar_x", decision: "approve" }),
    ];
    await Promise.all(adminCalls(as(a.session)).map((call) => expectCode(call, "FORBIDDEN")));
    await Promise.all(adminCalls(as(null)).map((call) => expectCode(call, "UNAUTHORIZED")));
    await expectCode(as(admin).offers.available(), "FORBIDDEN");
    await expectCode(as(admin).offers.requestAccess({ offerId }), "FORBIDDEN");
    await expectCode(as(null).offers.available(), "UNAUTHORIZED");
    // the setup link is the only authorization of createOwner: without a valid one nobody gets an account
    for (const user of [null, a.session, admin]) {
      await expectCode(as(user).setup.createOwner({ token: "not-a-token", name: "Mallory", email: "mallory@test.example", password: "long enough password" }), "FORBIDDEN");
    }
    expect(await t.db.$count(users, eq(users.email, "mallory@test.example"))).toBe(0);
    // nothing was archived or renamed by the refused calls
    expect((await as(admin).programs.list()).every((p) => p.status === "active" && p.name !== "Forbidden")).toBe(true);
  });

  it("refuses an admin the partner procedures with FORBIDDEN", async () => {
    await expectCode(as(admin).partner.links(), "FORBIDDEN");
    await expectCode(as(admin).partner.balances(), "FORBIDDEN");
    await expectCode(as(admin).partner.commissions(page), "FORBIDDEN");
    await expectCode(as(admin).partner.subAffiliates(), "FORBIDDEN");
    await expectCode(as(admin).partner.profile(), "FORBIDDEN");
    await expectCode(as(admin).partner.updateProfile({ name: "Admin" }), "FORBIDDEN");
    await expectCode(as(admin).partner.changePassword({ current: "x", next: "long enough password" }), "FORBIDDEN");
    await expectCode(as(null).partner.subAffiliates(), "UNAUTHORIZED");
    await expectCode(as(null).partner.changePassword({ current: "x", next: "long enough password" }), "UNAUTHORIZED");
  });

  it("scopes the profile and sub-affiliates to the caller, whatever the session object says", async () => {
    const forged: SessionUser = { ...a.session, partnerId: b.partnerId };
    await as(forged).partner.updateProfile({ name: "Forged Name" });
    const rows = await t.db.select({ id: partners.id, name: partners.name }).from(partners).where(eq(partners.name, "Forged Name"));
    expect(rows.map((r) => r.id)).toEqual([a.partnerId]);
    expect((await as(forged).partner.subAffiliates()).recruitCode).toBe((await as(a.session).partner.profile()).recruitCode);
  });

  it("shows each partner only their own commissions, balances and links", async () => {
    const mine = await as(a.session).partner.commissions(page);
    expect(mine.total).toBe(1);
    expect(mine.items.map((i) => i.partnerId)).toEqual([a.partnerId]);
    const theirs = await as(b.session).partner.commissions(page);
    expect(theirs.total).toBe(2);
    expect(new Set(theirs.items.map((i) => i.partnerId))).toEqual(new Set([b.partnerId]));
    expect((await as(admin).admin.commissions(page)).total).toBe(3);

    expect(await as(a.session).partner.balances()).toEqual([{ currency: "USD", pending: 20_000, approved: 0, paid: 0 }]);
    expect(await as(b.session).partner.balances()).toEqual([
      { currency: "EUR", pending: 7_000, approved: 0, paid: 0 },
      { currency: "USD", pending: 20_000, approved: 0, paid: 0 },
    ]);

    const linksA = await as(a.session).partner.links();
    const linksB = await as(b.session).partner.links();
    expect(linksA).toHaveLength(2);
    expect(linksB).toHaveLength(2);
    const codesB = new Set(linksB.map((l) => l.code));
    for (const l of linksA) expect(codesB.has(l.code)).toBe(false);
  });

  it("does not let a forged session reach another partner's data", async () => {
    // The partner id comes from the database by user id, not from the session object.
    const forged: SessionUser = { ...a.session, partnerId: b.partnerId };
    const r = await as(forged).partner.commissions(page);
    expect(r.items.every((i) => i.partnerId === a.partnerId)).toBe(true);
    expect(r.total).toBe(1);
  });

  it("refuses a pending partner, even with a session object", async () => {
    const pending = await makePartner(t.db, admin, "pending");
    const err = await expectCode(as(pending.session).partner.links(), "FORBIDDEN");
    expect(err.message).toBe("Your partner account is not active.");
    await expectCode(as(pending.session).partner.balances(), "FORBIDDEN");
    await expectCode(as(pending.session).partner.commissions(page), "FORBIDDEN");
  });

  it("cuts off a partner as soon as they are suspended", async () => {
    const p = await makePartner(t.db, admin);
    expect(await as(p.session).partner.links()).toHaveLength(2);
    await t.db.update(partners).set({ status: "suspended" }).where(eq(partners.id, p.partnerId));
    await expectCode(as(p.session).partner.links(), "FORBIDDEN");
    await expectCode(as(p.session).partner.balances(), "FORBIDDEN");
  });

  it("answers a sign-up with a taken email (whatever its case) as any other, creates nothing and tells the address's owner", async () => {
    const fresh = await as(null).partner.signUp({ name: "Newcomer", email: `fresh-${seq++}@test.example`, password: "long enough password" });
    const taken = await as(null).partner.signUp({ name: "Copycat", email: a.email.toUpperCase(), password: "long enough password" });
    expect(taken).toEqual(fresh);
    expect(await t.db.$count(users, eq(users.email, a.email))).toBe(1);
    const [mail] = await t.db.select().from(mailMessages).where(and(eq(mailMessages.to, a.email), eq(mailMessages.template, "signup_existing")));
    expect(mail?.text).toContain("/forgot-password");
  });

  it("refuses a short password with BAD_REQUEST and creates nothing", async () => {
    const email = `short-${seq++}@test.example`;
    const err = await expectCode(as(null).partner.signUp({ name: "Shorty", email, password: "short" }), "BAD_REQUEST");
    expect(err.message).toContain("at least 10 characters");
    expect(await t.db.$count(users, eq(users.email, email))).toBe(0);
  });

  it("refuses control characters in a sign-up with BAD_REQUEST instead of a database error", async () => {
    const email = `nul-${seq++}@test.example`;
    const err = await expectCode(as(null).partner.signUp({ name: "Nul\u0000Byte", email, password: "long enough password" }), "BAD_REQUEST");
    expect(err.message).toContain("letters, digits and punctuation");
    expect(await t.db.$count(users, eq(users.email, email))).toBe(0);
  });

  it("accepts a valid sign-up as a pending partner who cannot use the portal yet", async () => {
    const email = `new-${seq++}@test.example`;
    await as(null).partner.signUp({ name: "Newbie", email, password: "long enough password" });
    const partnerId = await partnerIdByEmail(t.db, email);
    const [row] = await t.db.select().from(partners).where(eq(partners.id, partnerId));
    expect(row?.status).toBe("pending");
  });

  it("guards every report procedure: operators' by reports:read, partners' by the partner scope, saved views by owner", async () => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const range = { from: day(Date.now() - 365 * 86_400_000), to: day(Date.now() + 86_400_000) };
    const adminCalls = (c: ReturnType<typeof as>) => [
      c.reports.run(range),
      c.reports.dashboard(),
      c.reports.clicks({}),
      c.reports.click({ id: "clk_x" }),
      c.reports.conversions({}),
      c.reports.views(),
      c.reports.saveView({ name: "v", query: {} }),
      c.reports.deleteView({ id: "rpv_x" }),
    ];
    const partnerCalls = (c: ReturnType<typeof as>) => [c.reports.partnerRun(range), c.reports.partnerDashboard(), c.reports.partnerViews(), c.reports.partnerSaveView({ name: "v", query: {} }), c.reports.partnerDeleteView({ id: "rpv_x" })];
    await Promise.all([...adminCalls(as(null)), ...partnerCalls(as(null))].map((call) => expectCode(call, "UNAUTHORIZED")));
    await Promise.all(adminCalls(as(a.session)).map((call) => expectCode(call, "FORBIDDEN")));
    await Promise.all(partnerCalls(as(admin)).map((call) => expectCode(call, "FORBIDDEN")));

    await drainRollups(t.db);
    const all = await as(admin).reports.run({ ...range, dimensions: ["partner"] });
    expect(all.rows.map((r) => r.key.partner)).toEqual(expect.arrayContaining([a.partnerId, b.partnerId]));
    const own = await as(a.session).reports.partnerRun({ ...range, dimensions: ["partner"], filters: { partner: b.partnerId } });
    expect(own.rows).toEqual([]);
    expect((await as(a.session).reports.partnerRun({ ...range, dimensions: ["partner"] })).rows.map((r) => r.key.partner)).toEqual([a.partnerId]);

    // a view saved by one partner is neither listed to nor deletable by another
    const { id } = await as(a.session).reports.partnerSaveView({ name: "mine", query: { dimensions: ["day"] } });
    expect(await as(b.session).reports.partnerViews()).toEqual([]);
    await expectCode(as(b.session).reports.partnerDeleteView({ id }), "NOT_FOUND");
    expect((await as(a.session).reports.partnerViews()).map((v) => v.id)).toEqual([id]);
  });
});
