import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { partners, programs } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { handlePostback } from "@/server/conversions/handle-postback";
import { kickLocalRunner } from "@/server/jobs/outbox";
import { INVITE_ONLY_MESSAGE } from "@/server/partners/apply-partner";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, partnerIdByEmail } from "@/test/factories";
import { expectCode, fieldErrorsOf } from "@/test/trpc-errors";
import { regeneratePostbackToken } from "./regenerate-postback-token";

const HOUR = 3_600_000;
let seq = 0;

describe.each(await drivers())("programs on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });
  const fields = (over: Record<string, unknown> = {}) => ({ name: "Acme Partners", defaultCurrency: "eur", timeZone: "Europe/Malta", signUpMode: "open_approval" as const, ...over });

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
  });
  afterEach(() => kickLocalRunner(t.db));
  afterAll(() => t.close());

  it("creates a program with a postback token, edits it, and lists it", async () => {
    const { programId } = await as(admin).programs.create(fields());
    const p = await as(admin).programs.get({ programId });
    expect(p).toMatchObject({ name: "Acme Partners", defaultCurrency: "EUR", timeZone: "Europe/Malta", signUpMode: "open_approval", status: "active", previousTokenExpiresAt: null });
    expect(p?.postbackToken).toMatch(/^[0-9a-f]{48}$/);
    await as(admin).programs.update({ programId, ...fields({ name: "Acme", defaultCurrency: "GBP", timeZone: "America/New_York", signUpMode: "open_auto" }) });
    expect(await as(admin).programs.get({ programId })).toMatchObject({ name: "Acme", defaultCurrency: "GBP", timeZone: "America/New_York", signUpMode: "open_auto" });
    expect((await as(admin).programs.list()).map((r) => [r.id, r.offers])).toEqual([[programId, 0]]);
    await expectCode(as(admin).programs.update({ programId: "prg_missing", ...fields() }), "NOT_FOUND");
    expect(await as(admin).programs.get({ programId: "prg_missing" })).toBeNull();
    await as(admin).programs.update({ programId, ...fields() });
  });

  it("refuses a bad name, currency, time zone or sign-up mode with field errors, and stores nothing", async () => {
    const before = await t.db.$count(programs);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: " a " }, "name", "Enter a name of at least 2 characters"],
      [{ name: "Tab\there" }, "name", "Use letters, digits and punctuation only"],
      [{ defaultCurrency: "XYZ" }, "defaultCurrency", "Enter an ISO 4217 currency code such as USD or EUR"],
      [{ defaultCurrency: "US" }, "defaultCurrency", "Enter an ISO 4217 currency code such as USD or EUR"],
      [{ timeZone: "Mars/Olympus" }, "timeZone", "Enter an IANA time zone such as Europe/Malta or UTC"],
      [{ timeZone: "Europe/Malta; drop" }, "timeZone", "Enter an IANA time zone such as Europe/Malta or UTC"],
      [{ signUpMode: "anyone" }, "signUpMode", "Pick how partners join"],
    ];
    for (const [change, field, message] of cases) {
      const err = await expectCode(as(admin).programs.create(fields(change) as ReturnType<typeof fields>), "BAD_REQUEST");
      expect(fieldErrorsOf(err)[field], JSON.stringify(change)).toBe(message);
    }
    expect(await t.db.$count(programs)).toBe(before);
  });

  it("archives a program only once its offers are archived, and restores it", async () => {
    const { programId } = await as(admin).programs.create(fields({ name: "Seasonal" }));
    const { offerId } = await as(admin).offers.create({ programId, name: "Summer", description: "", landingUrl: "https://lp.example.com/?c={click_id}", currency: "EUR", eventTypes: "ftd", attributionWindowDays: 30, deepLinkHosts: "", visibility: "all" });
    const err = await expectCode(as(admin).programs.setStatus({ programId, status: "archived" }), "CONFLICT");
    expect(fieldErrorsOf(err).status).toBe("Archive this program's offer first.");
    await as(admin).offers.setStatus({ offerId, status: "archived" });
    await as(admin).programs.setStatus({ programId, status: "archived" });
    expect((await as(admin).programs.get({ programId }))?.status).toBe("archived");
    // nothing new goes live in an archived program
    const create = await expectCode(as(admin).offers.create({ programId, name: "Winter", description: "", landingUrl: "https://lp.example.com/", currency: "EUR", eventTypes: "ftd", attributionWindowDays: 30, deepLinkHosts: "", visibility: "all" }), "BAD_REQUEST");
    expect(fieldErrorsOf(create).programId).toBe("This program is archived: restore it first");
    await expectCode(as(admin).offers.setStatus({ offerId, status: "active" }), "BAD_REQUEST");
    await as(admin).programs.setStatus({ programId, status: "active" });
    await as(admin).offers.setStatus({ offerId, status: "active" });
  });

  it("regenerates the postback token: the old one works through the real route until its grace period ends", async () => {
    const { programId } = await as(admin).programs.create(fields({ name: "Rotating", defaultCurrency: "USD" }));
    const { offerId } = await as(admin).offers.create({ programId, name: "Rot", description: "", landingUrl: "https://lp.example.com/?c={click_id}", currency: "USD", eventTypes: "ftd", attributionWindowDays: 30, deepLinkHosts: "", visibility: "all" });
    const partner = await makePartner(t.db, admin);
    const code = await linkCode(t.db, partner.partnerId, offerId);
    const post = async (token: string) => {
      const q = new URLSearchParams({ token, click_id: await click(t.db, code), event: "ftd", txn_id: `rot-${seq++}` });
      return (await handlePostback(new Request(`http://localhost/api/postback?${q}`))).status;
    };
    const old = (await as(admin).programs.get({ programId }))?.postbackToken ?? "";
    expect(await post(old)).toBe(200);

    const { previousTokenExpiresAt } = await as(admin).programs.regeneratePostbackToken({ programId, graceHours: 24 });
    const fresh = (await as(admin).programs.get({ programId }))?.postbackToken ?? "";
    expect(fresh).not.toBe(old);
    expect(previousTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 23 * HOUR);
    expect((await as(admin).programs.get({ programId }))?.previousTokenExpiresAt).toEqual(previousTokenExpiresAt);
    expect(await post(old)).toBe(200);
    expect(await post(fresh)).toBe(200);

    // the grace period ends: a regeneration made 25 hours ago has expired the token it replaced
    const olderFresh = fresh;
    await regeneratePostbackToken(t.db, { programId, graceHours: 24, now: new Date(Date.now() - 25 * HOUR) });
    const newest = (await as(admin).programs.get({ programId }))?.postbackToken ?? "";
    expect(await post(olderFresh)).toBe(401);
    expect(await post(old)).toBe(401);
    expect(await post(newest)).toBe(200);
    expect((await as(admin).programs.get({ programId }))?.previousTokenExpiresAt).toBeNull();

    // no grace: the replaced token is refused at once
    await as(admin).programs.regeneratePostbackToken({ programId, graceHours: 0 });
    expect(await post(newest)).toBe(401);
    const err = await expectCode(as(admin).programs.regeneratePostbackToken({ programId, graceHours: 5 }), "BAD_REQUEST");
    expect(fieldErrorsOf(err).graceHours).toBe("Pick a grace period");
    await expectCode(as(admin).programs.regeneratePostbackToken({ programId: "prg_missing", graceHours: 1 }), "NOT_FOUND");
  });

  it("enforces the first active program's sign-up mode in the partner sign-up", async () => {
    const [first] = await as(admin).programs.list();
    const programId = first?.id ?? "";
    const signUp = (email: string) => as(null).partner.signUp({ name: "Joiner", email, password: "long enough password" });
    const statusOf = async (partnerId: string) => (await t.db.select().from(partners).where(eq(partners.id, partnerId)))[0]?.status;

    const pending = `a-${seq++}@test.example`;
    expect(await signUp(pending)).toEqual({ status: "pending" });
    expect(await statusOf(await partnerIdByEmail(t.db, pending))).toBe("pending");

    await as(admin).programs.update({ programId, ...fields({ signUpMode: "open_auto" }) });
    const autoEmail = `b-${seq++}@test.example`;
    const auto = await signUp(autoEmail);
    expect(auto.status).toBe("approved");
    expect(await statusOf(await partnerIdByEmail(t.db, autoEmail))).toBe("approved");

    await as(admin).programs.update({ programId, ...fields({ signUpMode: "invite_only" }) });
    const email = `c-${seq++}@test.example`;
    const err = await expectCode(signUp(email), "FORBIDDEN");
    expect(err.message).toBe(INVITE_ONLY_MESSAGE);
    expect(await t.db.$count(partners)).toBeGreaterThan(0);
    const users = await t.db.query.users.findMany({ where: (u, { eq: e }) => e(u.email, email) });
    expect(users).toEqual([]);
    await as(admin).programs.update({ programId, ...fields() });
  });

  it("keeps programs for admins", async () => {
    const partner = await makePartner(t.db, admin);
    const p = as(partner.session);
    const [first] = await as(admin).programs.list();
    const programId = first?.id ?? "";
    await expectCode(p.programs.list(), "FORBIDDEN");
    await expectCode(p.programs.get({ programId }), "FORBIDDEN");
    await expectCode(p.programs.checklist(), "FORBIDDEN");
    await expectCode(p.programs.create(fields()), "FORBIDDEN");
    await expectCode(p.programs.update({ programId, ...fields() }), "FORBIDDEN");
    await expectCode(p.programs.setStatus({ programId, status: "archived" }), "FORBIDDEN");
    await expectCode(p.programs.regeneratePostbackToken({ programId, graceHours: 0 }), "FORBIDDEN");
    await expectCode(as(null).programs.create(fields()), "UNAUTHORIZED");
  });
});
