import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { programs } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { drainOutbox } from "@/server/jobs/outbox";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { expectCode, fieldErrorsOf } from "@/test/trpc-errors";
import { recordPostback } from "@/server/conversions/record-postback";

describe.each(await drivers())("attribution procedures on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let program: Awaited<ReturnType<typeof makeProgram>>;
  let alice: Awaited<ReturnType<typeof makePartner>>;
  let bob: Awaited<ReturnType<typeof makePartner>>;
  let conversionId: string;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });
  const range = () => ({ programId: program.programId, from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000) });

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    program = await makeProgram(t.db);
    alice = await makePartner(t.db, admin);
    bob = await makePartner(t.db, admin);
    const r = await recordPostback(t.db, { token: program.token, click_id: await click(t.db, await linkCode(t.db, alice.partnerId, program.offerId)), event: "ftd", txn_id: "x-1" });
    if (!r.ok || r.status !== "accepted") throw new Error("postback");
    conversionId = r.conversionId;
    await drainOutbox(t.db);
  });
  afterAll(() => t.close());

  it("keeps settings, explanations and runs to admins, and explanations to the partners involved", async () => {
    await expectCode(as(null).attribution.settings({ programId: program.programId }), "UNAUTHORIZED");
    await expectCode(as(alice.session).attribution.settings({ programId: program.programId }), "FORBIDDEN");
    await expectCode(as(alice.session).attribution.explain({ conversionId }), "FORBIDDEN");
    await expectCode(as(alice.session).attribution.setProgram({ programId: program.programId, model: { model: "linear" }, priority: ["click", "customer_binding", "coupon"] }), "FORBIDDEN");
    await expectCode(as(alice.session).attribution.simulate({ ...range(), models: [{ model: "last_click" }, { model: "linear" }] }), "FORBIDDEN");
    await expectCode(as(admin).attribution.explainMine({ conversionId }), "FORBIDDEN");
    expect((await as(alice.session).attribution.explainMine({ conversionId })).credit).toBe(1);
    await expectCode(as(bob.session).attribution.explainMine({ conversionId }), "NOT_FOUND");
    expect((await as(admin).attribution.explain({ conversionId })).versions).toHaveLength(1);
  });

  it("refuses invalid settings with field errors and changes nothing", async () => {
    const err = await expectCode(
      as(admin).attribution.setProgram({ programId: program.programId, model: { model: "position_based", firstShare: 0.7, lastShare: 0.5 }, priority: ["click", "customer_binding", "coupon"] }),
      "BAD_REQUEST",
    );
    expect(fieldErrorsOf(err)).toMatchObject({ model: expect.stringContaining("must not exceed 100%") });
    await expectCode(as(admin).attribution.setProgram({ programId: program.programId, model: { model: "linear" }, priority: ["click", "click", "coupon"] }), "BAD_REQUEST");
    await expectCode(as(admin).attribution.simulate({ ...range(), models: [{ model: "linear" }] }), "BAD_REQUEST");
    await expectCode(as(admin).attribution.reattribute({ ...range(), reason: "x" }), "BAD_REQUEST");
    const [row] = await t.db.select({ model: programs.attributionModel }).from(programs).where(eq(programs.id, program.programId));
    expect(row?.model).toEqual({ model: "last_click" });
  });

  it("answers NOT_FOUND, not a database error, for a program that does not exist, and queues nothing", async () => {
    const ghost = { ...range(), programId: "prg_00000000000000000000000000" };
    await expectCode(as(admin).attribution.refit({ programId: ghost.programId }), "NOT_FOUND");
    await expectCode(as(admin).attribution.simulate({ ...ghost, models: [{ model: "last_click" }, { model: "linear" }] }), "NOT_FOUND");
    await expectCode(as(admin).attribution.reattribute({ ...ghost, reason: "nothing here" }), "NOT_FOUND");
    await expectCode(as(admin).attribution.previewReattribution(ghost), "NOT_FOUND");
    expect(await as(admin).attribution.runs({ programId: program.programId })).toHaveLength(0);
  });

  it("runs a simulation in the background and reports progress and the result", async () => {
    const { runId } = await as(admin).attribution.simulate({ ...range(), models: [{ model: "last_click" }, { model: "first_click" }] });
    // The mutation kicked the in-process runner; wait for it (draining here as well is safe: runs are idempotent).
    await drainOutbox(t.db);
    let run = await as(admin).attribution.run({ programId: program.programId, runId });
    for (let i = 0; i < 100 && run.status !== "done" && run.status !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = await as(admin).attribution.run({ programId: program.programId, runId });
    }
    expect(run).toMatchObject({ status: "done", done: 1, total: 1, result: { conversions: 1 } });
    await expectCode(as(admin).attribution.run({ programId: "prg_other", runId }), "NOT_FOUND");
  });
});
