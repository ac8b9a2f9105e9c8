import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissions, partners, users } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { authenticate } from "@/server/auth/authenticate";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram, partnerIdByEmail, PASSWORD } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { exportPartnersCsv } from "./export-partners";
import { setPartnerSponsor } from "./set-partner-sponsor";

const page = { limit: 100, offset: 0 };

describe.each(await drivers())("partner management on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let seq = 0;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
  });
  afterAll(async () => {
    await expectLedgerInvariants(t.db);
    await t.close();
  });

  it("lists partners with search, filters, sort and paging", async () => {
    const a = await makePartner(t.db, admin);
    const b = await makePartner(t.db, admin, "pending");
    await as(admin).admin.updatePartner({ partnerId: a.partnerId, name: "Zeta Media", company: "Zeta Ltd", country: "gb", type: "influencer" });
    await as(admin).admin.assignManager({ partnerId: b.partnerId, managerUserId: admin.id });
    const api = as(admin).admin;
    expect((await api.partners({ ...page, q: "zeta ltd" })).items.map((p) => p.id)).toEqual([a.partnerId]);
    expect((await api.partners({ ...page, q: a.email.toUpperCase() })).items.map((p) => p.id)).toEqual([a.partnerId]);
    expect((await api.partners({ ...page, country: "GB", type: "influencer" })).items.map((p) => p.id)).toEqual([a.partnerId]);
    expect((await api.partners({ ...page, managerUserId: admin.id })).items.map((p) => p.id)).toEqual([b.partnerId]);
    expect((await api.partners({ ...page, status: "pending" })).items.map((p) => p.id)).toContain(b.partnerId);
    const today = new Date().toISOString().slice(0, 10);
    expect((await api.partners({ ...page, signedUpFrom: today, signedUpTo: today })).total).toBeGreaterThanOrEqual(2);
    expect((await api.partners({ ...page, signedUpTo: "2000-01-01" })).total).toBe(0);
    const byName = await api.partners({ ...page, sort: "name" });
    expect(byName.items.at(-1)?.id).toBe(a.partnerId);
    const first = await api.partners({ limit: 1, offset: 0, sort: "oldest" });
    expect(first.items).toHaveLength(1);
    expect(first.total).toBeGreaterThanOrEqual(2);
    // a wildcard is searched for, not expanded
    expect((await api.partners({ ...page, q: "%" })).total).toBe(0);
  });

  it("refuses bad input with field errors and a manager who is not on the admin team", async () => {
    const a = await makePartner(t.db, admin);
    await expect(as(admin).admin.updatePartner({ partnerId: a.partnerId, name: "X", website: "ftp://x" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(as(admin).admin.partners({ ...page, country: "gbr" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const other = await makePartner(t.db, admin);
    const err = await as(admin).admin.assignManager({ partnerId: a.partnerId, managerUserId: (await t.db.select().from(partners).where(eq(partners.id, other.partnerId)))[0]!.userId }).catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect(((err as TRPCError).cause as { field?: string }).field).toBe("managerUserId");
    await expect(as(admin).admin.partnerAction({ partnerId: a.partnerId, action: "suspend" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("shows the partner page with notes, status history, manager, counts and earnings", async () => {
    const prog = await makeProgram(t.db);
    const a = await makePartner(t.db, admin);
    await as(admin).admin.addPartnerNote({ partnerId: a.partnerId, body: "Met at the expo" });
    await as(admin).admin.assignManager({ partnerId: a.partnerId, managerUserId: admin.id });
    const clickId = await click(t.db, await linkCode(t.db, a.partnerId, prog.offerId));
    const r = await recordPostback(t.db, { token: prog.token, click_id: clickId, event: "ftd", txn_id: `mp-${seq++}` });
    if (!r.ok || r.status !== "accepted") throw new Error("refused");
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    await as(admin).admin.partnerAction({ partnerId: a.partnerId, action: "suspend", reason: "chargebacks" });
    const p = await as(admin).admin.partner({ partnerId: a.partnerId });
    expect(p).toMatchObject({ status: "suspended", statusReason: "chargebacks", managerName: "Admin", counts: { clicks: 1, conversions: 1, earnings: [{ currency: "USD", pending: 20_000 }] } });
    expect(p.notes.map((n) => n.body)).toEqual(["Met at the expo"]);
    expect(p.statusHistory.map((h) => [h.from, h.to, h.reason])).toEqual([
      ["approved", "suspended", "chargebacks"],
      ["pending", "approved", null],
    ]);
    expect(p.links.length).toBeGreaterThan(0);
    await expect(as(admin).admin.partner({ partnerId: "prt_nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("recruits through a recruit link: the sponsor is set at sign-up and earns the override, shown on the Sub-affiliates page", async () => {
    const prog = await makeProgram(t.db, { terms: { currency: "USD", components: { cpa: { event: "ftd", amount: 10_000n }, multiTier: { levels: [1000] } } } });
    const sponsor = await makePartner(t.db, admin);
    const { recruitCode } = await as(sponsor.session).partner.profile();
    expect(recruitCode).toMatch(/^[a-z0-9]{10}$/);
    const email = `recruit-${seq++}@test.example`;
    await as(null).partner.signUp({ name: "Recruit", email, password: PASSWORD, recruitCode: recruitCode!, trafficSources: ["SEO"] });
    const partnerId = await partnerIdByEmail(t.db, email);
    await expect(as(null).partner.signUp({ name: "Nobody", email: `x-${seq++}@test.example`, password: PASSWORD, recruitCode: "zzzzzzzzzz" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.$count(users, eq(users.email, `x-${seq - 1}@test.example`))).toBe(0); // nothing half-written
    await as(admin).admin.partnerAction({ partnerId, action: "approve" });
    const clickId = await click(t.db, await linkCode(t.db, partnerId, prog.offerId));
    const r = await recordPostback(t.db, { token: prog.token, click_id: clickId, event: "ftd", txn_id: `mp-${seq++}` });
    if (!r.ok || r.status !== "accepted") throw new Error("refused");
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    const rows = await t.db.select().from(commissions).where(eq(commissions.conversionId, r.conversionId)).orderBy(commissions.kind);
    expect(rows.map((c) => [c.kind, c.partnerId, c.amount])).toEqual([
      ["event", partnerId, 10_000],
      ["override", sponsor.partnerId, 1_000],
    ]);
    const subs = await as(sponsor.session).partner.subAffiliates();
    expect(subs.recruits).toEqual([expect.objectContaining({ id: partnerId, name: "Recruit", current: true, earnings: [{ currency: "USD", amount: 1_000, commissions: 1 }] })]);
    expect(subs.overrideTerms.some((o) => o.levels[0]?.bp === 1000)).toBe(true);
    const page2 = await as(admin).admin.partner({ partnerId });
    expect(page2).toMatchObject({ sponsorName: expect.any(String), trafficSources: ["SEO"] });
    expect(page2.sponsorHistory[0]).toMatchObject({ sponsorId: sponsor.partnerId, side: "own" });
    expect((await as(admin).admin.partner({ partnerId: sponsor.partnerId })).sponsorHistory[0]).toMatchObject({ partnerId, side: "recruit" });
  });

  it("changes a sponsor from now on: earlier conversions keep the old sponsor's override", async () => {
    const prog = await makeProgram(t.db, { terms: { currency: "USD", components: { cpa: { event: "ftd", amount: 10_000n }, multiTier: { levels: [1000] } } } });
    const oldSponsor = await makePartner(t.db, admin);
    const newSponsor = await makePartner(t.db, admin);
    const p = await makePartner(t.db, admin);
    const hourAgo = new Date(Date.now() - 3_600_000);
    await setPartnerSponsor(t.db, { partnerId: p.partnerId, sponsorId: oldSponsor.partnerId, actorId: admin.id, now: new Date(Date.now() - 7_200_000) });
    await as(admin).admin.setSponsor({ partnerId: p.partnerId, sponsorId: newSponsor.partnerId, reason: "moved teams" });
    const code = await linkCode(t.db, p.partnerId, prog.offerId);
    const overrideOf = async (occurredAt: Date) => {
      const r = await recordPostback(t.db, { token: prog.token, click_id: await click(t.db, code, new Date(occurredAt.getTime() - 60_000)), event: "ftd", txn_id: `mp-${seq++}`, occurred_at: occurredAt.toISOString() });
      if (!r.ok || r.status !== "accepted") throw new Error("refused");
      await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
      return (await t.db.select().from(commissions).where(eq(commissions.conversionId, r.conversionId))).filter((c) => c.kind === "override").map((c) => c.partnerId);
    };
    expect(await overrideOf(hourAgo)).toEqual([oldSponsor.partnerId]);
    expect(await overrideOf(new Date())).toEqual([newSponsor.partnerId]);
    await expect(as(admin).admin.setSponsor({ partnerId: newSponsor.partnerId, sponsorId: p.partnerId })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(as(admin).admin.setSponsor({ partnerId: p.partnerId, sponsorId: p.partnerId })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("lets a partner edit their own profile and change their password", async () => {
    const a = await makePartner(t.db, admin);
    await as(a.session).partner.updateProfile({ name: "Alice Media", company: "Alice Ltd", website: "https://alice.example", trafficSources: ["SEO", "Email", "SEO"], country: "de" });
    expect(await as(a.session).partner.profile()).toMatchObject({ name: "Alice Media", company: "Alice Ltd", country: "DE", trafficSources: ["SEO", "Email"] });
    await expect(as(a.session).partner.updateProfile({ name: "A", website: "nope" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(as(a.session).partner.changePassword({ current: "wrong password", next: "a brand new password" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await as(a.session).partner.changePassword({ current: PASSWORD, next: "a brand new password" });
    // the change ends the session it was made in (and every other)
    await expect(as(a.session).partner.profile()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const limit = { maxFailures: 100, windowMinutes: 15 };
    await expect(authenticate(t.db, { email: a.email, password: "a brand new password", ip: "192.0.2.1" }, limit)).resolves.toMatchObject({ partnerId: a.partnerId });
  });
});

describe.each(await drivers())("partner CSV export on %s", (driver) => {
  it("exports the filtered list with formula-looking cells defused", async () => {
    const t = await createTestDb(driver);
    try {
      const admin = await makeAdmin(t.db);
      const a = await makePartner(t.db, admin);
      await createCaller({ db: t.db, user: admin }).admin.updatePartner({ partnerId: a.partnerId, name: "=HYPERLINK(\"x\")", company: "+Evil" });
      const csv = await exportPartnersCsv(t.db, { status: "approved" });
      const lines = csv.trim().split("\n");
      expect(lines[0]).toBe("partner_id,name,email,company,website,type,groups,country,status,status_reason,signed_up_at");
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
      expect(lines[1]).toContain("'+Evil");
      expect((await exportPartnersCsv(t.db, { status: "pending" })).trim().split("\n")).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
