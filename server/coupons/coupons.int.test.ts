import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { coupons } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { expectCode, fieldErrorsOf } from "@/test/trpc-errors";

const page = { limit: 100, offset: 0 };

describe.each(await drivers())("coupons on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let one: Awaited<ReturnType<typeof makeProgram>>;
  let two: Awaited<ReturnType<typeof makeProgram>>;
  let a: Awaited<ReturnType<typeof makePartner>>;
  let b: Awaited<ReturnType<typeof makePartner>>;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    [one, two] = [await makeProgram(t.db), await makeProgram(t.db)];
    a = await makePartner(t.db, admin);
    b = await makePartner(t.db, admin);
  });
  afterAll(() => t.close());

  it("creates a coupon stored upper-case, in the offer's program", async () => {
    const created = await as(admin).coupons.create({ partnerId: a.partnerId, offerId: one.offerId, code: " alice_10-off " });
    expect(created?.code).toBe("ALICE_10-OFF");
    const [row] = await t.db.select().from(coupons).where(eq(coupons.id, created?.id ?? ""));
    expect(row).toMatchObject({ programId: one.programId, offerId: one.offerId, partnerId: a.partnerId, status: "active" });
    const { items, total } = await as(admin).coupons.list(page);
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ code: "ALICE_10-OFF", partnerId: a.partnerId, offerId: one.offerId, status: "active" });
  });

  it("refuses a code taken in the same program, whatever its case, but not in another program", async () => {
    const err = await expectCode(as(admin).coupons.create({ partnerId: b.partnerId, offerId: one.offerId, code: "Alice_10-Off" }), "CONFLICT");
    expect(fieldErrorsOf(err)).toEqual({ code: "This code is taken in this program" });
    await as(admin).coupons.create({ partnerId: b.partnerId, offerId: two.offerId, code: "alice_10-off" });
    expect(await t.db.$count(coupons)).toBe(2);
  });

  it("refuses malformed codes with field errors", async () => {
    const cases: [string, string][] = [
      ["ab", "Use at least 3 characters"],
      ["x".repeat(33), "Use at most 32 characters"],
      ["TEN OFF", "Use letters, digits, dashes and underscores only"],
      ["10%OFF", "Use letters, digits, dashes and underscores only"],
    ];
    for (const [code, message] of cases) {
      const err = await expectCode(as(admin).coupons.create({ partnerId: a.partnerId, offerId: one.offerId, code }), "BAD_REQUEST");
      expect(fieldErrorsOf(err).code).toBe(message);
    }
  });

  it("refuses a partner who is not approved, and an unknown offer", async () => {
    const pending = await makePartner(t.db, admin, "pending");
    let err = await expectCode(as(admin).coupons.create({ partnerId: pending.partnerId, offerId: one.offerId, code: "PENDING1" }), "BAD_REQUEST");
    expect(fieldErrorsOf(err)).toEqual({ partnerId: "Pick an approved partner" });
    err = await expectCode(as(admin).coupons.create({ partnerId: a.partnerId, offerId: "ofr_missing", code: "NOOFFER" }), "BAD_REQUEST");
    expect(fieldErrorsOf(err)).toEqual({ offerId: "Pick an offer" });
    const options = await as(admin).coupons.options();
    expect(options.partners.map((p) => p.id)).toEqual(expect.arrayContaining([a.partnerId, b.partnerId]));
    expect(options.partners.map((p) => p.id)).not.toContain(pending.partnerId);
    expect(options.offers.map((o) => o.id)).toEqual(expect.arrayContaining([one.offerId, two.offerId]));
  });

  it("pauses and resumes a coupon", async () => {
    const created = await as(admin).coupons.create({ partnerId: a.partnerId, offerId: one.offerId, code: "PAUSE-ME" });
    const couponId = created?.id ?? "";
    expect(await as(admin).coupons.setStatus({ couponId, status: "paused" })).toEqual({ id: couponId, status: "paused" });
    expect((await as(a.session).coupons.mine()).find((c) => c.id === couponId)?.status).toBe("paused");
    await as(admin).coupons.setStatus({ couponId, status: "active" });
    expect((await as(a.session).coupons.mine()).find((c) => c.id === couponId)?.status).toBe("active");
    await expectCode(as(admin).coupons.setStatus({ couponId: "cpn_missing", status: "paused" }), "NOT_FOUND");
  });

  it("shows each partner only their own coupons", async () => {
    expect((await as(a.session).coupons.mine()).map((c) => c.code)).toEqual(["ALICE_10-OFF", "PAUSE-ME"]);
    expect((await as(b.session).coupons.mine()).map((c) => c.code)).toEqual(["ALICE_10-OFF"]);
    expect((await as(b.session).coupons.mine())[0]?.offerId).toBe(two.offerId);
  });

  it("keeps coupon management for admins", async () => {
    await expectCode(as(a.session).coupons.list(page), "FORBIDDEN");
    await expectCode(as(a.session).coupons.options(), "FORBIDDEN");
    await expectCode(as(a.session).coupons.create({ partnerId: a.partnerId, offerId: one.offerId, code: "SELFMADE" }), "FORBIDDEN");
    const [mine] = await as(a.session).coupons.mine();
    await expectCode(as(a.session).coupons.setStatus({ couponId: mine?.id ?? "", status: "paused" }), "FORBIDDEN");
    await expectCode(as(null).coupons.mine(), "UNAUTHORIZED");
    await expectCode(as(admin).coupons.mine(), "FORBIDDEN");
    expect(await t.db.$count(coupons, eq(coupons.code, "SELFMADE"))).toBe(0);
  });
});
