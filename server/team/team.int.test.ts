import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, commissions, mailMessages } from "@/db/schema";
import { authenticate, NEEDS_CODE, type SessionUser } from "@/server/auth/authenticate";
import { currentTotp } from "@/server/auth/totp";
import { approveCommissions } from "@/server/commissions/review-commissions";
import { recordPostback } from "@/server/conversions/record-postback";
import { DomainError } from "@/server/errors";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { savePayoutDetails } from "@/server/payouts/payout-details";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, makeMember, PASSWORD, partnerOnPlan } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";

const LIMIT = { maxFailures: 50, windowMinutes: 15 };
const MEMBER_PASSWORD = "finance team passphrase";
let ipSeq = 1;
const ip = () => `192.0.2.${ipSeq++}`;

/**
 * The story on the server: an owner invites a finance member by e-mail, the member sets a password and
 * two-factor, pays a batch, cannot edit a plan, and the audit log shows each step. And the guarantees around it:
 * the owner is nobody else's to change, a role change or deactivation ends open sessions at once.
 */
describe.each(await drivers())("team and access on %s", (driver) => {
  let t: TestDb;
  let owner: SessionUser;
  let seq = 0;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user, ip: "198.51.100.20" });
  const login = (email: string, password: string, code?: string) => authenticate(t.db, { email, password, ip: ip(), code }, LIMIT);
  const linkToken = async (to: string, path: string) => {
    const [m] = await t.db.select({ text: mailMessages.text }).from(mailMessages).where(eq(mailMessages.to, to)).orderBy(asc(mailMessages.createdAt));
    const token = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(m?.text ?? "")?.[1];
    if (!token) throw new Error(`no ${path} link mailed to ${to}`);
    return token;
  };

  beforeAll(async () => {
    t = await createTestDb(driver);
    owner = await makeMember(t.db, "owner");
  });
  afterAll(async () => {
    await expectLedgerInvariants(t.db);
    await t.close();
  });

  it("an invited finance member sets a password and two-factor, pays a batch, cannot edit a plan, and the audit log shows each step", async () => {
    // a partner with an approved commission waiting to be paid
    const s = await partnerOnPlan(t.db, owner, { currency: "USD", components: { cpa: { event: "ftd", amount: 8_000n } } });
    const r = await recordPostback(t.db, { token: s.token, click_id: await click(t.db, s.code), event: "ftd", txn_id: `team-${driver}` });
    if (!r.ok || r.status !== "accepted") throw new Error("postback refused");
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    const ids = (await t.db.select({ id: commissions.id }).from(commissions).where(eq(commissions.conversionId, r.conversionId))).map((c) => c.id);
    await approveCommissions(t.db, { commissionIds: ids, actorId: owner.id });
    await savePayoutDetails(t.db, s.partnerId, { method: "paypal", email: "payee@partner.example" });

    const email = `fran-${driver}@acme.test`;
    const { userId } = await as(owner).team.invite({ email, name: "Fran Finance", role: "finance" });
    // an invited member cannot sign in before setting a password
    await expect(login(email, MEMBER_PASSWORD)).rejects.toThrow("Wrong email or password.");
    await as(null).team.setPassword({ token: await linkToken(email, "/invite"), password: MEMBER_PASSWORD });
    let fran = await login(email, MEMBER_PASSWORD);
    expect(fran).toMatchObject({ id: userId, role: "finance" });

    const { secret } = await as(fran).team.beginTwoFactor();
    await expect(as(fran).team.confirmTwoFactor({ code: currentTotp(secret) === "000000" ? "111111" : "000000" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const { recoveryCodes } = await as(fran).team.confirmTwoFactor({ code: currentTotp(secret) });
    expect(recoveryCodes).toHaveLength(10);
    const needsCode = await login(email, MEMBER_PASSWORD).catch((e: unknown) => e);
    expect(needsCode).toBeInstanceOf(DomainError);
    expect((needsCode as DomainError).message).toBe(NEEDS_CODE);
    fran = await login(email, MEMBER_PASSWORD, currentTotp(secret));
    // a recovery code works once
    expect((await login(email, MEMBER_PASSWORD, recoveryCodes[0])).id).toBe(userId);
    await expect(login(email, MEMBER_PASSWORD, recoveryCodes[0])).rejects.toThrow("That code is not right");
    expect((await as(fran).team.security()).recoveryCodesLeft).toBe(9);

    const batch = await as(fran).admin.createPayoutBatch({ currency: "USD" });
    const batchId = batch.batchId ?? "";
    await as(fran).admin.approvePayoutBatch({ batchId });
    await as(fran).admin.markBatchPaid({ batchId, reference: "WIRE-0042" });
    expect((await as(fran).admin.payoutBatch({ batchId })).batch.status).toBe("paid");

    await expect(as(fran).plans.addVersion({ planId: s.planId, terms: { currency: "USD", components: {} }, effectiveFrom: new Date(), note: "try" } as never)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as(fran).team.invite({ email: "x@acme.test", name: "Someone", role: "viewer" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const steps = await t.db.select().from(auditLog).where(eq(auditLog.actorId, userId)).orderBy(asc(auditLog.createdAt), asc(auditLog.id));
    expect(steps.map((e) => [e.action, e.outcome])).toEqual([
      ["team.beginTwoFactor", "ok"],
      ["team.confirmTwoFactor", "failed"],
      ["team.confirmTwoFactor", "ok"],
      ["admin.createPayoutBatch", "ok"],
      ["admin.approvePayoutBatch", "ok"],
      ["admin.markBatchPaid", "ok"],
      ["plans.addVersion", "failed"],
      ["team.invite", "failed"],
    ]);
    const paid = steps.find((e) => e.action === "admin.markBatchPaid");
    expect(paid).toMatchObject({ objectId: batchId, actorRole: "finance", ip: "198.51.100.20", before: expect.objectContaining({ status: "approved" }), after: expect.objectContaining({ status: "paid", reference: "WIRE-0042" }) });
    expect(steps.find((e) => e.action === "plans.addVersion")?.error).toContain("FORBIDDEN");
    const [invite] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "team.invite"), eq(auditLog.actorId, owner.id)));
    expect(invite).toMatchObject({ outcome: "ok", objectId: userId });
    // the payout e-mail is queued for the partner
    expect(await t.db.$count(mailMessages, eq(mailMessages.template, "payout_sent"))).toBe(1);
  });

  it("a demoted admin's open session loses admin access on its next request", async () => {
    const admin = await makeMember(t.db, "admin");
    const session = await login(admin.email, PASSWORD);
    expect(Array.isArray(await as(session).team.members())).toBe(true);
    await as(owner).team.changeRole({ userId: admin.id, role: "viewer" });
    await expect(as(session).team.members()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // signed in again, the role is the new one, read from the database
    const again = await login(admin.email, PASSWORD);
    expect(again.role).toBe("viewer");
    const invite = { email: `nope-${seq++}@acme.test`, name: "Not Allowed", role: "viewer" as const };
    await expect(as(again).team.invite(invite)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // a token that still says "admin" gets nothing more than the row's role
    await expect(as({ ...again, role: "admin" }).team.invite(invite)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("nobody but the owner changes the owner, and only the owner makes admins", async () => {
    const admin = await login((await makeMember(t.db, "admin")).email, PASSWORD);
    await expect(as(admin).team.changeRole({ userId: owner.id, role: "viewer" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as(admin).team.deactivate({ userId: owner.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as(admin).team.invite({ email: `adm-${seq++}@acme.test`, name: "New Admin", role: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await makeMember(t.db, "admin");
    await expect(as(admin).team.deactivate({ userId: other.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as(owner).team.changeRole({ userId: owner.id, role: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as(admin).team.invite({ email: `own-${seq++}@acme.test`, name: "Usurper", role: "owner" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await as(owner).team.members()).find((m) => m.id === owner.id)?.role).toBe("owner");
  });

  it("deactivation, sign out everywhere and a password change end sessions at once", async () => {
    const member = await makeMember(t.db, "support");
    const first = await login(member.email, PASSWORD);
    await as(owner).team.deactivate({ userId: member.id });
    await expect(as(first).team.security()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(login(member.email, PASSWORD)).rejects.toThrow("deactivated");
    await as(owner).team.reactivate({ userId: member.id });

    const a = await login(member.email, PASSWORD);
    await as(a).team.signOutEverywhere();
    await expect(as(a).team.security()).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    const b = await login(member.email, PASSWORD);
    await expect(as(b).team.changePassword({ current: "wrong one", password: "a fresh long password" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await as(b).team.changePassword({ current: PASSWORD, password: "a fresh long password" });
    await expect(as(b).team.security()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await login(member.email, "a fresh long password")).id).toBe(member.id);
  });

  it("a flood of reset requests cannot lock anyone out: earlier links keep working, and at most five mails an hour go out", async () => {
    const member = await makeMember(t.db, "viewer");
    for (let i = 0; i < 7; i++) expect(await as(null).team.requestPasswordReset({ email: member.email })).toEqual({ ok: true });
    const mails = await t.db.select({ text: mailMessages.text }).from(mailMessages).where(and(eq(mailMessages.to, member.email), eq(mailMessages.template, "password_reset"))).orderBy(asc(mailMessages.createdAt));
    expect(mails).toHaveLength(5);
    const tokens = mails.map((m) => /reset-password\?token=([A-Za-z0-9_-]+)/.exec(m.text)?.[1] ?? "");
    // the first link, sent before the flood, still works; using it spends the others
    await as(null).team.setPassword({ token: tokens[0] ?? "", password: "after the flood password" });
    await expect(as(null).team.setPassword({ token: tokens[4] ?? "", password: "someone else's try" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await login(member.email, "after the flood password")).id).toBe(member.id);
  });

  it("when the owner requires two-factor, members without it reach only their account page until they set it up", async () => {
    const viewer = await login((await makeMember(t.db, "viewer")).email, PASSWORD);
    const admin = await login((await makeMember(t.db, "admin")).email, PASSWORD);
    await expect(as(admin).team.setRequireTwoFactor({ required: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // the owner cannot lock themselves out: two-factor for themselves first
    await expect(as(owner).team.setRequireTwoFactor({ required: true })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const own = await as(owner).team.beginTwoFactor();
    await as(owner).team.confirmTwoFactor({ code: currentTotp(own.secret) });
    await as(owner).team.setRequireTwoFactor({ required: true });
    await expect(as(viewer).team.audit({ limit: 10, offset: 0 })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("two-factor") });
    expect((await as(viewer).team.security()).requireTwoFactor).toBe(true);
    const { secret } = await as(viewer).team.beginTwoFactor();
    await as(viewer).team.confirmTwoFactor({ code: currentTotp(secret) });
    expect((await as(viewer).team.audit({ limit: 10, offset: 0 })).total).toBeGreaterThan(0);
    await expect(as(viewer).team.disableTwoFactor({ password: PASSWORD })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await as(owner).team.setRequireTwoFactor({ required: false });
    await as(viewer).team.disableTwoFactor({ password: PASSWORD });
    expect((await as(viewer).team.security()).twoFactor).toBe(false);
  });
});
