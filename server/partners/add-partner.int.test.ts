import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, links, mailMessages, partnerInvites, partners, programs, users } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { authenticate } from "@/server/auth/authenticate";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makeMember, makePartner, makeProgram, partnerIdByEmail, PASSWORD } from "@/test/factories";

const limit = { maxFailures: 100, windowMinutes: 15 };
const tokenOf = (link: string) => new URL(link).searchParams.get("token") ?? new URL(link).searchParams.get("invite") ?? "";

describe.each(await drivers())("partners added by hand and invitation links on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let program: Awaited<ReturnType<typeof makeProgram>>;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    program = await makeProgram(t.db);
  });
  afterAll(() => t.close());

  it("adds an approved partner with sponsor and manager, who sets a password through the invite link", async () => {
    const sponsor = await makePartner(t.db, admin);
    const manager = await makeMember(t.db, "manager");
    const email = `hand-${driver}@test.example`;
    const r = await as(admin).onboarding.addPartner({ name: "Hand Made Media", email, status: "approved", type: "reseller", sponsorId: sponsor.partnerId, managerUserId: manager.id });
    expect(r.setPasswordUrl).toMatch(/\/invite\?token=[A-Za-z0-9_-]+$/);
    const page = await as(admin).admin.partner({ partnerId: r.partnerId });
    expect(page).toMatchObject({ status: "approved", type: "reseller", parentPartnerId: sponsor.partnerId, managerUserId: manager.id });
    expect(page.statusHistory[0]).toMatchObject({ from: null, to: "approved", reason: "Added by hand" });
    expect(page.sponsorHistory.map((h) => h.sponsorId)).toEqual([sponsor.partnerId]);
    expect(await t.db.$count(links, and(eq(links.partnerId, r.partnerId), eq(links.offerId, program.offerId)))).toBe(1);
    const [mail] = await t.db.select().from(mailMessages).where(eq(mailMessages.to, email));
    expect(mail?.text).toContain(r.setPasswordUrl);

    // no password yet: signing in is refused until the link is used, and the link works once
    await expect(authenticate(t.db, { email, password: PASSWORD, ip: "192.0.2.9" }, limit)).rejects.toBeTruthy();
    await as(null).team.setPassword({ token: tokenOf(r.setPasswordUrl), password: "the partner's own password" });
    await expect(authenticate(t.db, { email, password: "the partner's own password", ip: "192.0.2.9" }, limit)).resolves.toMatchObject({ partnerId: r.partnerId });
    await expect(as(null).team.setPassword({ token: tokenOf(r.setPasswordUrl), password: "another password!!" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // the audit log keeps the action, never the token
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "onboarding.addPartner"));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(tokenOf(r.setPasswordUrl));
  });

  it("adds a pending partner, and refuses a taken email, an unknown type and a sponsor who is not approved", async () => {
    const r = await as(admin).onboarding.addPartner({ name: "Waiting Co", email: `waiting-${driver}@test.example`, status: "pending" });
    expect((await as(admin).admin.partner({ partnerId: r.partnerId })).status).toBe("pending");
    expect(await t.db.$count(links, eq(links.partnerId, r.partnerId))).toBe(0);
    await expect(as(admin).onboarding.addPartner({ name: "Again", email: `WAITING-${driver}@test.example`, status: "pending" })).rejects.toMatchObject({ code: "CONFLICT", cause: { field: "email" } });
    await expect(as(admin).onboarding.addPartner({ name: "Typed", email: `typed-${driver}@test.example`, status: "pending", type: "astronaut" })).rejects.toMatchObject({ cause: { field: "type" } });
    await expect(as(admin).onboarding.addPartner({ name: "Sponsored", email: `sp-${driver}@test.example`, status: "pending", sponsorId: r.partnerId })).rejects.toMatchObject({ cause: { field: "sponsorId" } });
    // nothing half-made is left behind by a refusal
    expect(await t.db.$count(users, eq(users.email, `typed-${driver}@test.example`))).toBe(0);
    const partner = await makePartner(t.db, admin);
    await expect(as(partner.session).onboarding.addPartner({ name: "X Co", email: "x@test.example", status: "approved" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lets an invited applicant sign up when the program is invitation-only, once, before it expires", async () => {
    await t.db.update(programs).set({ signUpMode: "invite_only" }).where(eq(programs.id, program.programId));
    const form = (n: string) => ({ name: `Invitee ${n}`, email: `invitee-${n}-${driver}@test.example`, password: PASSWORD });
    await expect(as(null).partner.signUp(form("a"))).rejects.toMatchObject({ code: "FORBIDDEN" });

    const reviewed = await as(admin).onboarding.createInvite({ note: "Jane", approve: false, expiresInDays: 7 });
    expect(reviewed.inviteTokenUrl).toMatch(/\/signup\?invite=[A-Za-z0-9_-]+$/);
    const a = await as(null).partner.signUp({ ...form("a"), inviteToken: tokenOf(reviewed.inviteTokenUrl) });
    expect(a.status).toBe("pending");
    await expect(as(null).partner.signUp({ ...form("b"), inviteToken: tokenOf(reviewed.inviteTokenUrl) })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { field: "inviteToken" } });

    const approving = await as(admin).onboarding.createInvite({ approve: true, expiresInDays: 1 });
    const b = await as(null).partner.signUp({ ...form("b"), inviteToken: tokenOf(approving.inviteTokenUrl) });
    expect(b.status).toBe("approved");
    expect(await t.db.$count(links, eq(links.partnerId, await partnerIdByEmail(t.db, form("b").email)))).toBeGreaterThan(0);

    const expired = await as(admin).onboarding.createInvite({ approve: true, expiresInDays: 1 });
    await t.db.update(partnerInvites).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(partnerInvites.id, expired.inviteId));
    await expect(as(null).partner.signUp({ ...form("c"), inviteToken: tokenOf(expired.inviteTokenUrl) })).rejects.toMatchObject({ cause: { field: "inviteToken" } });

    const revoked = await as(admin).onboarding.createInvite({ approve: false, expiresInDays: 3 });
    await as(admin).onboarding.revokeInvite({ inviteId: revoked.inviteId });
    await expect(as(null).partner.signUp({ ...form("d"), inviteToken: tokenOf(revoked.inviteTokenUrl) })).rejects.toMatchObject({ cause: { field: "inviteToken" } });
    await expect(as(admin).onboarding.revokeInvite({ inviteId: reviewed.inviteId })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "onboarding.createInvite"));
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(tokenOf(reviewed.inviteTokenUrl));
    const list = await as(admin).onboarding.invites();
    expect(Object.fromEntries(list.map((i) => [i.id, i.state]))).toMatchObject({ [reviewed.inviteId]: "used", [approving.inviteId]: "used", [expired.inviteId]: "expired", [revoked.inviteId]: "expired" });
    expect(list.find((i) => i.id === reviewed.inviteId)).toMatchObject({ note: "Jane", partnerId: await partnerIdByEmail(t.db, form("a").email) });
    // a failed sign-up spends nothing and creates nobody
    expect(await t.db.$count(partners, eq(partners.name, "Invitee c"))).toBe(0);
    await t.db.update(programs).set({ signUpMode: "open_approval" }).where(eq(programs.id, program.programId));
  });
});
