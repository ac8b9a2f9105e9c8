import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages, outboxEvents, users } from "@/db/schema";
import { authenticate, type SessionUser } from "@/server/auth/authenticate";
import { config } from "@/server/config";
import { kickLocalRunner } from "@/server/jobs/outbox";
import { notify } from "@/server/notifications/notify";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeMember, makePartner, makeProgram, partnerIdByEmail } from "@/test/factories";
import { startSmtpSink, type Received } from "@/test/smtp-sink";

// A real SMTP server on loopback; the app is configured for it before its configuration is first read.
const sink = await startSmtpSink();
const APP = "http://touchpoint.test:4010";
process.env.SMTP_URL = sink.url;
process.env.MAIL_FROM = "Acme Partners <partners@acme.test>";
process.env.APP_URL = APP;

const LIMIT = { maxFailures: 5, windowMinutes: 15 };
const NEW_PASSWORD = "a brand new passphrase";
let seq = 0;

describe.each(await drivers())("mail through SMTP on %s", (driver) => {
  let t: TestDb;
  let owner: SessionUser;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user, ip: "198.51.100.7" });

  /** Waits for a message to reach the SMTP server. The background runner delivers it; kicking it again covers
   * a drain of the other driver's database still running in this process. */
  async function arrival(to: string, template: string): Promise<Received> {
    const subjectOf = async () => (await t.db.select({ subject: mailMessages.subject }).from(mailMessages).where(and(eq(mailMessages.to, to), eq(mailMessages.template, template))))[0]?.subject;
    for (let i = 0; i < 150; i++) {
      const subject = await subjectOf();
      const got = subject ? sink.received.find((m) => m.to.includes(to) && m.subject === subject) : undefined;
      if (got) return got;
      await kickLocalRunner(t.db);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${template} message reached the SMTP server for ${to}`);
  }
  const linkIn = (m: Received, path: string) => {
    const match = new RegExp(`${APP.replace(/[.:/]/g, "\\$&")}${path}\\?token=([A-Za-z0-9_-]+)`).exec(m.text ?? "");
    if (!match?.[1]) throw new Error(`no ${path} link in: ${m.text}`);
    return { url: match[0], token: match[1] };
  };

  beforeAll(async () => {
    t = await createTestDb(driver);
    owner = await makeMember(t.db, "owner");
    await makeProgram(t.db);
  });
  afterAll(() => t.close());

  it("is configured for the loopback SMTP server", () => {
    expect(config().mail.smtpUrl).toBe(sink.url);
    expect(config().appUrl).toBe(APP);
  });

  it("invites a finance member: the invite arrives over SMTP with text and HTML parts, and its link sets the password once", async () => {
    const email = `finance-${driver}-${seq++}@acme.test`;
    await as(owner).team.invite({ email, name: "Fran Finance", role: "finance" });
    const m = await arrival(email, "team_invite");
    expect(m.raw).toMatch(/multipart\/alternative/i);
    expect(m.raw).toContain("partners@acme.test");
    expect(m.subject).toContain("invited");
    expect(m.text).toContain("finance");
    const link = linkIn(m, "/invite");
    expect(m.html).toContain(`href="${link.url}"`);
    // the link works, once
    expect(await as(null).team.setPassword({ token: link.token, password: NEW_PASSWORD })).toEqual({ ok: true });
    await expect(as(null).team.setPassword({ token: link.token, password: "another long password" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const session = await authenticate(t.db, { email, password: NEW_PASSWORD, ip: "198.51.100.8" }, LIMIT);
    expect(session.role).toBe("finance");
    const [row] = await t.db.select().from(mailMessages).where(eq(mailMessages.to, email));
    expect(row).toMatchObject({ status: "sent", transport: "smtp", lastError: null });
    // only the token's hash is stored, nowhere in the message table's other columns either
    expect(JSON.stringify(await t.db.select().from(users).where(eq(users.email, email)))).not.toContain(link.token);
  });

  it("resets a password end to end: the same answer for an unknown address, a link that works once", async () => {
    const member = await makeMember(t.db, "viewer");
    const unknown = `nobody-${seq++}@acme.test`;
    const answers = [await as(null).team.requestPasswordReset({ email: unknown }), await as(null).team.requestPasswordReset({ email: member.email.toUpperCase() })];
    expect(answers[0]).toEqual(answers[1]);
    const m = await arrival(member.email, "password_reset");
    expect(m.html).toContain("Choose a new password");
    const { token } = linkIn(m, "/reset-password");
    await as(null).team.setPassword({ token, password: NEW_PASSWORD });
    expect((await authenticate(t.db, { email: member.email, password: NEW_PASSWORD, ip: "198.51.100.9" }, LIMIT)).id).toBe(member.id);
    await expect(as(null).team.setPassword({ token, password: NEW_PASSWORD })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.$count(mailMessages, eq(mailMessages.to, unknown))).toBe(0);
  });

  it("retries a delivery the SMTP server refused, in the background job", async () => {
    const member = await makeMember(t.db, "support");
    sink.refuseNext(1);
    await as(null).team.requestPasswordReset({ email: member.email });
    const failedOnce = async () => (await t.db.select().from(mailMessages).where(eq(mailMessages.to, member.email)))[0];
    for (let i = 0; i < 100 && !(await failedOnce())?.lastError; i++) {
      await kickLocalRunner(t.db);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await failedOnce()).toMatchObject({ status: "queued", attempts: 1 });
    expect((await failedOnce())?.lastError).toContain("Mailbox busy");
    // the outbox has scheduled the retry with backoff; bring it forward instead of waiting
    await t.db.update(outboxEvents).set({ availableAt: new Date() }).where(eq(outboxEvents.name, "mail/send"));
    await arrival(member.email, "password_reset");
    expect(await failedOnce()).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });

  it("tells an applicant by e-mail: application received with a verification link, then the decision", async () => {
    const email = `applicant-${driver}-${seq++}@acme.test`;
    await as(null).partner.signUp({ name: "Ann Applicant", email, password: NEW_PASSWORD });
    const received = await arrival(email, "application_received");
    expect(received.text).toContain("Ann Applicant");
    expect(received.text).toContain(`${APP}/login`);
    const verify = linkIn(await arrival(email, "verify_email"), "/verify-email");
    await as(null).team.verifyEmail({ token: verify.token });
    const [user] = await t.db.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.email, email));
    expect(user?.verifiedAt).toBeInstanceOf(Date);
    await expect(as(null).team.verifyEmail({ token: verify.token })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const partnerId = await partnerIdByEmail(t.db, email);
    await as(owner).admin.reviewPartner({ partnerId, decision: "approve" });
    const approved = await arrival(email, "partner_approved");
    expect(approved.subject).toContain("Welcome");
    expect(approved.html).toContain(`href="${APP}/login"`);

    const other = `rejected-${driver}-${seq++}@acme.test`;
    await as(null).partner.signUp({ name: "Rex Rejected", email: other, password: NEW_PASSWORD });
    await as(owner).admin.reviewPartner({ partnerId: await partnerIdByEmail(t.db, other), decision: "reject", note: "No traffic sources given" });
    expect((await arrival(other, "partner_rejected")).text).toContain("No traffic sources given");
  });

  it("e-mails the partner notices that matter (payout sent, reversal after payout, fraud hold, terms changed) with links into the portal", async () => {
    const partner = await makePartner(t.db, owner);
    const notices = [
      { kind: "payout_paid", template: "payout_sent", href: "/portal/payouts/pay_x", title: "Payout sent: $10.00" },
      { kind: "commission_reversed", template: "commission_reversed", href: "/portal/earnings", title: "1 paid commission reversed: $5.00" },
      { kind: "fraud_hold", template: "fraud_hold", href: "/portal/conversions/cnv_x", title: "A conversion is held for review" },
      { kind: "terms_changed", template: "terms_changed", href: "/portal/terms", title: "Your terms changed" },
    ];
    await t.db.transaction((tx) => notify(tx, [...notices.map((n) => ({ partnerId: partner.partnerId, kind: n.kind, title: n.title, body: "Details.", href: n.href })), { partnerId: partner.partnerId, kind: "fraud_cleared", title: "Not mailed", body: "" }]));
    for (const n of notices) {
      const m = await arrival(partner.email, n.template);
      expect(m.subject).toContain(n.title);
      expect(m.html).toContain(`href="${APP}${n.href}"`);
    }
    expect(await t.db.$count(mailMessages, and(eq(mailMessages.to, partner.email), eq(mailMessages.subject, "Not mailed")))).toBe(0);
  });
});

afterAll(() => sink.close());
