import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/authenticate";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makePartner, makeProgram } from "@/test/factories";

describe.each(await drivers())("a partner's plan on the admin's partner page on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
  });
  afterAll(() => t.close());

  it("shows the plan in force per offer and the assignments over time, the partner's own and the defaults", async () => {
    const program = await makeProgram(t.db, { cpaAmount: 10_000 });
    const a = await makePartner(t.db, admin);
    const b = await makePartner(t.db, admin);
    const before = await as(admin).admin.partner({ partnerId: a.partnerId });
    const onOffer = before.plansNow.find((o) => o.offerId === program.offerId);
    expect(onOffer?.plan).toMatchObject({ version: 1 });
    expect(onOffer?.plan?.summary.join(" ")).toContain("100.00");
    expect(before.planHistory.map((h) => [h.ownAssignment, h.note])).toEqual([[false, "default"]]);

    const { planId } = await as(admin).plans.create({ programId: program.programId, name: "Premium", terms: { currency: "USD", components: { cpa: { event: "ftd", amount: 30_000n } } } });
    await as(admin).plans.assign({ programId: program.programId, planId, partnerId: a.partnerId, offerId: program.offerId, note: "moved to premium" });
    const after = await as(admin).admin.partner({ partnerId: a.partnerId });
    const now = after.plansNow.find((o) => o.offerId === program.offerId)?.plan;
    expect(now?.name).toBe("Premium");
    expect(now?.summary.join(" ")).toContain("300.00");
    expect(after.planHistory.map((h) => [h.planName, h.ownAssignment, h.by])).toEqual([
      ["Premium", true, "Admin"],
      [expect.any(String), false, null],
    ]);
    // the other partner stays on the default
    const other = await as(admin).admin.partner({ partnerId: b.partnerId });
    expect(other.plansNow.find((o) => o.offerId === program.offerId)?.plan?.name).not.toBe("Premium");
    expect(other.planHistory.some((h) => h.ownAssignment)).toBe(false);
  });
});
