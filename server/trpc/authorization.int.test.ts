import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { partners, users } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { recordPostback } from "@/server/conversions/record-postback";
import { drainOutbox } from "@/server/jobs/outbox";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { createCaller } from "./root";

const page = { limit: 100, offset: 0 };

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
  });

  it("refuses a partner every admin procedure with FORBIDDEN", async () => {
    const p = as(a.session);
    await expectCode(p.admin.commissions(page), "FORBIDDEN");
    await expectCode(p.admin.partners(page), "FORBIDDEN");
    await expectCode(p.admin.balances(), "FORBIDDEN");
    await expectCode(p.admin.program(), "FORBIDDEN");
    await expectCode(p.admin.reviewPartner({ partnerId: a.partnerId, decision: "approve" }), "FORBIDDEN");
    await expectCode(p.admin.createPayoutBatch({ currency: "USD" }), "FORBIDDEN");
    const { items } = await as(admin).admin.commissions(page);
    await expectCode(p.admin.approveCommissions({ commissionIds: items.map((i) => i.id) }), "FORBIDDEN");
    // nothing was approved by the refused call
    expect((await as(admin).admin.commissions({ ...page, status: "approved" })).total).toBe(0);
  });

  it("refuses an admin the partner procedures with FORBIDDEN", async () => {
    await expectCode(as(admin).partner.links(), "FORBIDDEN");
    await expectCode(as(admin).partner.balances(), "FORBIDDEN");
    await expectCode(as(admin).partner.commissions(page), "FORBIDDEN");
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

  it("refuses a sign-up with an email that is taken, whatever its case", async () => {
    const err = await expectCode(
      as(null).partner.signUp({ name: "Copycat", email: a.email.toUpperCase(), password: "long enough password" }),
      "CONFLICT",
    );
    expect(err.message).toBe("An account with this email already exists.");
    expect(await t.db.$count(users, eq(users.email, a.email))).toBe(1);
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
    const { partnerId } = await as(null).partner.signUp({ name: "Newbie", email, password: "long enough password" });
    const [row] = await t.db.select().from(partners).where(eq(partners.id, partnerId));
    expect(row?.status).toBe("pending");
  });
});
