import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { eventType } from "inngest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { newId } from "@/db/ids";
import { commissions, outboxEvents } from "@/db/schema";
import { recordPostback } from "@/server/conversions/record-postback";
import { localRunSettled } from "@/server/outbox/dispatch";
import { enqueue } from "@/server/outbox/enqueue";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { defineJob, MalformedPayloadError } from "./define-job";
import { jobsByEvent } from "./functions";
import { processConversion } from "./functions/process-conversion";
import { drainOutbox, kickLocalRunner } from "./outbox";

const first = eventType("test/first", { schema: z.object({ label: z.string() }) });
const followUp = eventType("test/follow-up", { schema: z.object({ label: z.string() }) });

describe.each(await drivers())("defineJob on %s", (driver) => {
  let t: TestDb;
  let token: string;
  let code: string;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    let offerId: string;
    ({ token, offerId } = await makeProgram(t.db));
    const p = await makePartner(t.db, admin);
    code = await linkCode(t.db, p.partnerId, offerId);
  });
  afterAll(() => t.close());

  const load = async (id: string) => {
    const [row] = await t.db.select().from(outboxEvents).where(eq(outboxEvents.id, id));
    if (!row) throw new Error(`outbox event ${id} missing`);
    return row;
  };
  /**
   * A recorded postback (which dispatches nothing) once the drain that setting up started has ended: that drain
   * claims every due event until none is left, and these tests run the job themselves.
   */
  async function recorded() {
    await localRunSettled();
    const r = await recordPostback(t.db, { token, click_id: await click(t.db, code), event: "ftd", txn_id: `define-job-${seq++}` });
    if (!r.ok || r.status !== "accepted") throw new Error("postback refused");
    return r;
  }

  describe("a malformed payload", () => {
    it("is refused in process before any step runs, naming the field", async () => {
      const attempt = processConversion.runLocal(t.db, { conversionId: 42 });
      await expect(attempt).rejects.toBeInstanceOf(MalformedPayloadError);
      await expect(attempt).rejects.toThrow("job process-conversion: malformed conversion/recorded payload: conversionId: Invalid input: expected string, received number");
      await expect(processConversion.runLocal(t.db, {})).rejects.toThrow(/conversionId: .*expected string, received undefined/);
    });

    it("is refused on Inngest before any step runs, and not retried", async () => {
      // The SDK checks the trigger's schema (the same event type) before the handler, with a NonRetriableError.
      const { error, ctx } = await new InngestTestEngine({ function: processConversion.function }).execute({ events: [{ name: "conversion/recorded", data: { conversionId: 42 } }] });
      expect((error as { message?: string } | undefined)?.message).toBe("conversionId: Invalid input: expected string, received number");
      expect((error as { name?: string } | undefined)?.name).toBe("EventValidationError");
      expect(ctx.step.run.mock.calls).toEqual([]);
    });

    it("fails its outbox event at once instead of backing off eleven more times", async () => {
      const spy = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        await kickLocalRunner(t.db); // let the drains that setting up kicked off finish first
        const id = newId("outboxEvent");
        await t.db.insert(outboxEvents).values({ id, name: "conversion/recorded", data: { conversionId: 42 } });
        expect(await drainOutbox(t.db)).toBe(0);
        const row = await load(id);
        expect(row).toMatchObject({ attempts: 1, processedAt: null, lockedUntil: null });
        expect(row.failedAt).toBeInstanceOf(Date);
        expect(row.lastError).toContain("conversionId: Invalid input: expected string, received number");
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe("marking the outbox event processed", () => {
    it("is one last step on Inngest", async () => {
      const r = await recorded();
      const { result, ctx } = await new InngestTestEngine({ function: processConversion.function }).execute({
        events: [{ id: r.outboxId, name: "conversion/recorded", data: { conversionId: r.conversionId } }],
      });
      expect(result).toMatchObject({ accrual: { accrued: true } });
      const stepIds = ctx.step.run.mock.calls.map((c) => c[0]);
      expect(stepIds.filter((s) => s === "mark-processed")).toHaveLength(1);
      expect(stepIds.at(-1)).toBe("mark-processed");
      expect((await load(r.outboxId)).processedAt).toBeInstanceOf(Date);
    });

    it("is done by the job in process too, once, and not for a run without an outbox event", async () => {
      const r = await recorded();
      await processConversion.runLocal(t.db, { conversionId: r.conversionId });
      expect((await load(r.outboxId)).processedAt).toBeNull();
      await processConversion.runLocal(t.db, { conversionId: r.conversionId }, r.outboxId);
      expect(await load(r.outboxId)).toMatchObject({ lockedUntil: null, lastError: null });
      expect((await load(r.outboxId)).processedAt).toBeInstanceOf(Date);
      expect(await t.db.$count(commissions, eq(commissions.conversionId, r.conversionId))).toBe(1);
    });
  });

  it("hands on the events a step enqueued as soon as the step commits, without waiting for a sweeper", async () => {
    // No sweeper runs in this test: if the follow-up runs at all, the commit of the step dispatched it.
    let committedAt = 0;
    let ranFollowUp: (v: { label: string; at: number }) => void = () => {};
    const followUpRan = new Promise<{ label: string; at: number }>((resolve) => (ranFollowUp = resolve));
    const firstJob = defineJob({
      id: "test-first",
      event: first,
      run: async ({ db, step, data }) => {
        const queued = await step.run("write-and-enqueue", async () => {
          const id = await db.transaction((tx) => enqueue(tx, followUp.create({ label: `after ${data.label}` })));
          committedAt = Date.now();
          return id;
        });
        return { queued };
      },
    });
    jobsByEvent["test/follow-up"] = defineJob({
      id: "test-follow-up",
      event: followUp,
      run: async ({ data }) => ranFollowUp({ label: data.label, at: Date.now() }),
    });
    try {
      await kickLocalRunner(t.db); // the drains that setting up kicked off are over: none is running now
      const { queued } = await firstJob.runLocal(t.db, { label: "first" });
      const guard = new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000).unref());
      const ran = await Promise.race([followUpRan, guard]);
      expect(ran?.label).toBe("after first");
      console.log(`[define-job] follow-up ran ${ran!.at - committedAt} ms after its step committed (${driver})`);
      await expect.poll(async () => (await load(queued)).processedAt).toBeInstanceOf(Date);
    } finally {
      delete jobsByEvent["test/follow-up"];
    }
  });
});
