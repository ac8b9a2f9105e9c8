import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { loginAttempts, partners } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makePartner, PASSWORD } from "@/test/factories";
import { authenticate, type SessionUser } from "./authenticate";

const LIMIT = { maxFailures: 3, windowMinutes: 15 };
let ipSeq = 1;
/** A fresh IP per test, so the per-IP limit of one test never leaks into another. */
const freshIp = () => `192.0.2.${ipSeq++}`;

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe.each(await drivers())("authenticate on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let partner: Awaited<ReturnType<typeof makePartner>>;
  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    partner = await makePartner(t.db, admin);
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, ip = freshIp()) => authenticate(t.db, { email, password, ip }, LIMIT);

  it("returns the session user of an admin", async () => {
    expect(await login(admin.email, PASSWORD)).toEqual({ id: admin.id, email: admin.email, name: "Admin", role: "admin", partnerId: null, sessionVersion: 0 });
  });

  it("returns an approved partner with their partner id, whatever the email's case and spacing", async () => {
    const user = await login(`  ${partner.email.toUpperCase()} `, PASSWORD);
    expect(user).toEqual(partner.session);
    expect(user.role).toBe("partner");
    expect(user.partnerId).toBe(partner.partnerId);
  });

  it("refuses a wrong password and an unknown email with the same message", async () => {
    const wrong = await refusal(login(admin.email, "not the password"));
    const unknown = await refusal(login("nobody@test.example", PASSWORD));
    for (const err of [wrong, unknown]) {
      expect(err.code).toBe("UNAUTHORIZED");
      expect(err.message).toBe("Wrong email or password.");
    }
  });

  it("records each attempt with its outcome", async () => {
    const ip = freshIp();
    await login(admin.email, PASSWORD, ip);
    await refusal(login(admin.email, "nope", ip));
    const rows = await t.db.select().from(loginAttempts).where(eq(loginAttempts.ip, ip));
    expect(rows.map((r) => [r.email, r.succeeded]).sort()).toEqual([
      [admin.email, false],
      [admin.email, true],
    ]);
  });

  it("refuses a pending partner with a message about the review", async () => {
    const pending = await makePartner(t.db, admin, "pending");
    const err = await refusal(login(pending.email, PASSWORD));
    expect(err.code).toBe("FORBIDDEN");
    expect(err.message).toMatch(/review/i);
  });

  it("refuses a suspended partner with its own message", async () => {
    const p = await makePartner(t.db, admin);
    await t.db.update(partners).set({ status: "suspended" }).where(eq(partners.id, p.partnerId));
    const err = await refusal(login(p.email, PASSWORD));
    expect(err.code).toBe("FORBIDDEN");
    expect(err.message).toMatch(/suspended/i);
  });

  it("tells a suspended or closed partner the reason the admin gave", async () => {
    const p = await makePartner(t.db, admin);
    await t.db.update(partners).set({ status: "closed", statusReason: "Program ended" }).where(eq(partners.id, p.partnerId));
    const err = await refusal(login(p.email, PASSWORD));
    expect(err.message).toBe("Your partner account is closed. Reason: Program ended");
  });

  it("throttles an address that keeps failing, but never keeps the owner out from the address they use", async () => {
    const victim = await makePartner(t.db, admin);
    const home = freshIp();
    expect((await login(victim.email, PASSWORD, home)).id).toBe(victim.session.id);
    const attacker = freshIp();
    for (let i = 0; i < LIMIT.maxFailures; i++) expect((await refusal(login(victim.email, "guess", attacker))).code).toBe("UNAUTHORIZED");
    // the attacker's address now waits, whatever password it sends
    const slowed = await refusal(login(victim.email, PASSWORD, attacker));
    expect(slowed.code).toBe("FORBIDDEN");
    expect(slowed.message).toMatch(/^Too many attempts\. Wait \d+ seconds and try again, or reset your password\.$/);
    // the owner of the account, from the address they signed in from before, is not slowed down
    expect((await login(victim.email, PASSWORD, home)).id).toBe(victim.session.id);
    // nor is any other address that has not failed itself
    expect((await login(victim.email, PASSWORD, freshIp())).id).toBe(victim.session.id);
  });

  it("slows an account under attack from many addresses by a minute at most, and not at all from a known address", async () => {
    const victim = await makePartner(t.db, admin);
    const home = freshIp();
    await login(victim.email, PASSWORD, home);
    for (let i = 0; i < 25; i++) await refusal(login(victim.email, "guess", freshIp()));
    const elsewhere = await refusal(login(victim.email, PASSWORD, freshIp()));
    expect(elsewhere.message).toMatch(/Wait ([1-9]|[1-5]\d|60) seconds/);
    expect((await login(victim.email, PASSWORD, home)).id).toBe(victim.session.id);
  });

  it("blocks an IP after ten times the per-email limit of failures, across emails", async () => {
    const ip = freshIp();
    for (let i = 0; i < LIMIT.maxFailures * 10; i++) await refusal(login(`spray-${i}@test.example`, "guess", ip));
    expect((await refusal(login(admin.email, PASSWORD, ip))).code).toBe("FORBIDDEN");
    expect((await login(admin.email, PASSWORD, freshIp())).id).toBe(admin.id);
  });

  it("counts only failures inside the window", async () => {
    const p = await makePartner(t.db, admin);
    const old = new Date(Date.now() - (LIMIT.windowMinutes + 1) * 60_000);
    await t.db.insert(loginAttempts).values(
      Array.from({ length: LIMIT.maxFailures }, (_, i) => ({ id: `lat_old_${driver}_${i}`, email: p.email, ip: freshIp(), succeeded: false, attemptedAt: old })),
    );
    expect((await login(p.email, PASSWORD)).partnerId).toBe(p.partnerId);
  });
});
