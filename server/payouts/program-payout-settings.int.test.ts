import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { commissions, payoutBatches } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { approveCommissions } from "@/server/commissions/review-commissions";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { expectCode, fieldErrorsOf } from "@/test/trpc-errors";
import { createPayoutBatch, payable } from "./create-payout-batch";
import { savePayoutDetails } from "./payout-details";
import { payoutSchedules } from "./payout-settings";
import { createScheduledBatches, isoWeek } from "./scheduled-batches";

// One program keeps the operator's default schedule and minimum; another gets its own. Each program's money is
// batched on its own schedule, at its own minimum, and setting one program's changes no other.
describe.each(await drivers())("per-program payout settings on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let partner: Awaited<ReturnType<typeof makePartner>>;
  let a: Awaited<ReturnType<typeof makeProgram>>;
  let b: Awaited<ReturnType<typeof makeProgram>>;
  let seq = 0;
  const monday = new Date("2026-12-07T09:00:00Z");
  const as = (user: SessionUser) => createCaller({ db: t.db, user });

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    a = await makeProgram(t.db, { currency: "EUR", cpaAmount: 30_000 });
    b = await makeProgram(t.db, { currency: "EUR", cpaAmount: 30_000 });
    partner = await makePartner(t.db, admin);
    await savePayoutDetails(t.db, partner.partnerId, { method: "paypal", email: "eur@partner.example" });
  });
  afterEach(() => expectLedgerInvariants(t.db));
  afterAll(() => t.close());

  /** An approved 300.00 EUR commission earned in `program`. */
  async function approvedFtd(program: typeof a) {
    const r = await recordPostback(t.db, { token: program.token, click_id: await click(t.db, await linkCode(t.db, partner.partnerId, program.offerId)), event: "ftd", txn_id: `eur-${seq++}` });
    if (!r.ok || r.status !== "accepted") throw new Error(`postback refused: ${JSON.stringify(r)}`);
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    const [c] = await t.db.select({ id: commissions.id }).from(commissions).where(eq(commissions.conversionId, r.conversionId));
    await approveCommissions(t.db, { commissionIds: [c!.id], actorId: admin.id });
  }

  it("are set from the admin API: the default for every program, and one program's own; bad input names its field", async () => {
    await as(admin).admin.setPayoutSettings({ frequency: "monthly", day: 1, thresholds: { EUR: 10_000 } });
    await as(admin).admin.setProgramPayoutSettings({ programId: b.programId, inherit: false, frequency: "weekly", day: 1, thresholds: { EUR: 50_000 } });
    const schedules = await as(admin).admin.payoutSchedules();
    expect(schedules).toHaveLength(2);
    expect(schedules[0]).toMatchObject({ programId: null, settings: { schedule: { frequency: "monthly", day: 1 }, thresholds: { EUR: 10_000 } } });
    expect(schedules[1]).toMatchObject({ programId: b.programId, settings: { schedule: { frequency: "weekly", day: 1 }, thresholds: { EUR: 50_000 } } });

    const bad = await expectCode(as(admin).admin.setProgramPayoutSettings({ programId: b.programId, inherit: false, frequency: "weekly", day: 9, thresholds: { EUR: -1 } }), "BAD_REQUEST");
    expect(Object.keys(fieldErrorsOf(bad)).sort()).toEqual(["day", "thresholds"]);
    await expectCode(as(admin).admin.setProgramPayoutSettings({ programId: "prg_missing", inherit: true }), "NOT_FOUND");
    await expectCode(as(partner.session).admin.setProgramPayoutSettings({ programId: b.programId, inherit: true }), "FORBIDDEN");
    // the refusals changed nothing
    expect(await payoutSchedules(t.db)).toEqual(schedules);
  });

  it("each program's money waits for its own minimum: the default schedule pays program A, program B waits", async () => {
    await approvedFtd(a);
    await approvedFtd(b);
    const rows = await payable(t.db, "EUR");
    const view = rows.map((r) => ({ programId: r.programId, balance: r.balance, threshold: r.threshold, due: r.due }));
    expect(view).toHaveLength(2);
    expect(view).toContainEqual({ programId: b.programId, balance: 30_000, threshold: 50_000, due: false });
    expect(view).toContainEqual({ programId: null, balance: 30_000, threshold: 10_000, due: true });

    const made = await createScheduledBatches(t.db, monday);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ partnerCount: 1, itemCount: 1, total: 30_000 });
    const [batch] = await t.db.select().from(payoutBatches).where(eq(payoutBatches.id, made[0]!.batchId!));
    expect(batch).toMatchObject({ programId: null, period: "2026-12", scheduled: true });
  });

  it("program B's own weekly schedule makes its batch once its minimum is reached, once per week", async () => {
    await approvedFtd(b);
    const made = await createScheduledBatches(t.db, monday);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ total: 60_000, itemCount: 2 });
    const [batch] = await t.db.select().from(payoutBatches).where(eq(payoutBatches.id, made[0]!.batchId!));
    expect(batch).toMatchObject({ programId: b.programId, period: isoWeek(monday), scheduled: true });
    // program A earns again: its monthly batch for December exists, and B's week is done
    await approvedFtd(a);
    await approvedFtd(b);
    expect(await createScheduledBatches(t.db, monday)).toEqual([]);
    expect(await t.db.select().from(payoutBatches)).toHaveLength(2);
  });

  it("a batch made by hand takes every program, each at its own minimum, and says why a program's money waits", async () => {
    const made = await createPayoutBatch(t.db, { currency: "EUR", actorId: admin.id });
    expect(made).toMatchObject({ total: 30_000, itemCount: 1 });
    expect(made.skipped).toEqual([{ partnerId: partner.partnerId, name: expect.any(String), reason: expect.stringMatching(/^below the minimum payout of Program /) }]);
  });

  it("the partner sees the default schedule and program B's own; B can go back to the default", async () => {
    const terms = await as(partner.session).partner.payoutDetails();
    expect(terms.schedule).toEqual({ frequency: "monthly", day: 1 });
    expect(terms.thresholds).toContainEqual({ currency: "EUR", minimum: 10_000 });
    expect(terms.programs).toEqual([{ name: expect.any(String), schedule: { frequency: "weekly", day: 1 }, thresholds: [{ currency: "EUR", minimum: 50_000 }] }]);

    await as(admin).admin.setProgramPayoutSettings({ programId: b.programId, inherit: true });
    expect((await payoutSchedules(t.db)).map((s) => s.programId)).toEqual([null]);
    // B's waiting 300.00 is now on the default schedule, whose 100.00 minimum it passes
    expect((await payable(t.db, "EUR")).map((r) => ({ programId: r.programId, balance: r.balance, due: r.due }))).toEqual([{ programId: null, balance: 30_000, due: true }]);
  });
});
