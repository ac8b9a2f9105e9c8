import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { outboxEvents } from "@/db/schema";
import { recordPostback } from "@/server/conversions/record-postback";
import { createTestDb, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { forwardToInngest } from "@/server/outbox/dispatch";

// No Inngest server or key exists in the test environment: sending must fail without losing the event.
describe("handing events to Inngest when it is unreachable", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb("pglite");
  });
  afterAll(() => t.close());

  it("keeps the event undispatched so the sweeper sends it again later", async () => {
    const admin = await makeAdmin(t.db);
    const { token, offerId } = await makeProgram(t.db);
    const p = await makePartner(t.db, admin);
    const clickId = await click(t.db, await linkCode(t.db, p.partnerId, offerId));
    const r = await recordPostback(t.db, { token, click_id: clickId, event: "ftd", txn_id: "inngest-down" });
    if (!r.ok || r.status !== "accepted") throw new Error("postback refused");

    await expect(forwardToInngest(t.db, r.outboxId)).rejects.toThrow();
    const [evt] = await t.db.select().from(outboxEvents).where(eq(outboxEvents.id, r.outboxId));
    expect(evt).toMatchObject({ dispatchedAt: null, processedAt: null, name: "conversion/recorded" });
  });
});
