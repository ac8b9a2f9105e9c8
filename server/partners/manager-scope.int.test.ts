import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissions } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { partnerScope } from "@/server/auth/permissions";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makeMember, makePartner, makeProgram } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { exportPartnersCsv } from "./export-partners";

const page = { limit: 100, offset: 0 };
let seq = 0;

describe.each(await drivers())("a manager's partners on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let mine: SessionUser;
  let theirs: SessionUser;
  let program: Awaited<ReturnType<typeof makeProgram>>;
  let own: Awaited<ReturnType<typeof makePartner>>;
  let other: Awaited<ReturnType<typeof makePartner>>;
  let applicant: Awaited<ReturnType<typeof makePartner>>;
  const as = (user: SessionUser) => createCaller({ db: t.db, user });

  async function commissionOf(partnerId: string) {
    const clickId = await click(t.db, await linkCode(t.db, partnerId, program.offerId));
    const r = await recordPostback(t.db, { token: program.token, click_id: clickId, event: "ftd", txn_id: `ms-${driver}-${seq++}` });
    if (!r.ok || r.status !== "accepted") throw new Error("postback refused");
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    const [c] = await t.db.select({ id: commissions.id }).from(commissions).where(eq(commissions.conversionId, r.conversionId));
    if (!c) throw new Error("no commission");
    return c.id;
  }

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    mine = await makeMember(t.db, "manager");
    theirs = await makeMember(t.db, "manager");
    program = await makeProgram(t.db);
    own = await makePartner(t.db, admin);
    other = await makePartner(t.db, admin);
    applicant = await makePartner(t.db, admin, "pending");
    await as(admin).admin.assignManager({ partnerId: own.partnerId, managerUserId: mine.id });
    await as(admin).admin.assignManager({ partnerId: other.partnerId, managerUserId: theirs.id });
  });
  afterAll(async () => {
    await expectLedgerInvariants(t.db);
    await t.close();
  });

  it("lists, opens and exports only the partners assigned to the manager", async () => {
    expect((await as(mine).admin.partners(page)).items.map((p) => p.id)).toEqual([own.partnerId]);
    expect((await as(theirs).admin.partners(page)).items.map((p) => p.id)).toEqual([other.partnerId]);
    // asking for another manager's partners by filter finds nothing either
    expect((await as(mine).admin.partners({ ...page, managerUserId: theirs.id })).total).toBe(0);
    expect((await as(admin).admin.partners(page)).total).toBe(3);
    expect((await as(mine).admin.partner({ partnerId: own.partnerId })).id).toBe(own.partnerId);
    await expect(as(mine).admin.partner({ partnerId: other.partnerId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const csv = await exportPartnersCsv(t.db, { managerScope: partnerScope(mine) });
    expect(csv).toContain(own.partnerId);
    expect(csv).not.toContain(other.partnerId);
    expect(csv).not.toContain(applicant.partnerId);
    expect(await exportPartnersCsv(t.db, { managerScope: partnerScope(admin) })).toContain(applicant.partnerId);
  });

  it("acts only on the manager's own partners, and cannot reassign any", async () => {
    await as(mine).admin.addPartnerNote({ partnerId: own.partnerId, body: "Called them about the new offer" });
    await expect(as(mine).admin.addPartnerNote({ partnerId: other.partnerId, body: "Sneaky note" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(as(mine).admin.partnerAction({ partnerId: other.partnerId, action: "suspend", reason: "Not mine to suspend" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(as(mine).admin.reviewPartner({ partnerId: applicant.partnerId, decision: "approve" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(as(mine).admin.updatePartner({ partnerId: other.partnerId, name: "Renamed" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(as(mine).admin.assignManager({ partnerId: other.partnerId, managerUserId: mine.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await as(admin).admin.partner({ partnerId: other.partnerId })).status).toBe("approved");
  });

  it("reviews only the commissions of the manager's own partners", async () => {
    const ownCommission = await commissionOf(own.partnerId);
    const otherCommission = await commissionOf(other.partnerId);
    const listed = await as(mine).admin.commissions(page);
    expect(listed.items.map((c) => c.id)).toEqual([ownCommission]);
    expect(listed.total).toBe(1);
    expect((await as(admin).admin.commissions(page)).total).toBe(2);
    await expect(as(mine).admin.commissions({ ...page, partnerId: other.partnerId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(as(mine).admin.approveCommissions({ commissionIds: [ownCommission, otherCommission] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(as(mine).admin.rejectCommissions({ commissionIds: [otherCommission], reason: "Looks odd" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await as(mine).admin.commissionFilterOptions()).partners.map((p) => p.id)).toEqual([own.partnerId]);
    await as(mine).admin.approveCommissions({ commissionIds: [ownCommission] });
    const statuses = (await as(admin).admin.commissions(page)).items.map((c) => [c.id, c.status]);
    expect(statuses).toEqual(expect.arrayContaining([[ownCommission, "approved"], [otherCommission, "pending"]]));
  });

  it("explains only conversions that involve the manager's partners, and runs no program-wide simulation", async () => {
    const ownCommission = await commissionOf(own.partnerId);
    const otherCommission = await commissionOf(other.partnerId);
    const conversionOf = async (commissionId: string) => {
      const [c] = await t.db.select({ conversionId: commissions.conversionId }).from(commissions).where(eq(commissions.id, commissionId));
      return c?.conversionId ?? "";
    };
    const ownConversion = await conversionOf(ownCommission);
    const otherConversion = await conversionOf(otherCommission);
    const explained = await as(mine).attribution.explain({ conversionId: ownConversion });
    expect(explained.partnerNames[own.partnerId]).toBeTruthy();
    expect(explained.commissions.map((c) => c.partnerId)).toEqual([own.partnerId]);
    await expect(as(mine).attribution.explain({ conversionId: otherConversion })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // an admin still reads both
    expect((await as(admin).attribution.explain({ conversionId: otherConversion })).commissions.map((c) => c.partnerId)).toEqual([other.partnerId]);

    const from = new Date(Date.now() - 86_400_000);
    await expect(as(mine).attribution.simulate({ programId: program.programId, from, to: new Date(), models: [{ model: "last_click" }, { model: "first_click" }] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as(mine).attribution.runs({ programId: program.programId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
