import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { commissions, conversions, outboxEvents } from "@/db/schema";
import { drainOutbox } from "@/server/jobs/outbox";
import { localRunSettled } from "@/server/outbox/dispatch";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { recordPostback } from "./record-postback";

describe.each(await drivers())("postback on %s", (driver) => {
  let t: TestDb;
  let token: string;
  let offerId: string;
  let code: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    ({ token, offerId } = await makeProgram(t.db));
    const p = await makePartner(t.db, admin);
    code = await linkCode(t.db, p.partnerId, offerId);
    // The factories' events start an in-process drain; the first test checks an event nobody has claimed yet.
    await localRunSettled();
  });
  afterAll(() => t.close());

  it("accepts a conversion and stores it with its outbox event in one go", async () => {
    const clickId = await click(t.db, code);
    const now = new Date("2026-03-01T12:00:00.123Z");
    const r = await recordPostback(t.db, { token, click_id: clickId, event: "ftd", txn_id: "t-1", amount: "49.90", currency: "usd", occurred_at: "2026-03-01T11:59:00.5Z", adv2: "vip" }, { now });
    expect(r).toMatchObject({ ok: true, status: "accepted" });
    if (!r.ok || r.status !== "accepted") return;
    const [conv] = await t.db.select().from(conversions).where(eq(conversions.id, r.conversionId));
    expect(conv).toMatchObject({ amount: 4990, currency: "USD", event: "ftd", txnId: "t-1", clickId, attributionStatus: "pending" });
    expect(conv?.params).toMatchObject({ token: "[redacted]", txn_id: "t-1", amount: "49.90" });
    expect(conv).toMatchObject({ occurredAt: new Date("2026-03-01T11:59:00.500Z"), createdAt: now, adv2: "vip", adv1: null, source: "s2s" });
    const [evt] = await t.db.select().from(outboxEvents).where(eq(outboxEvents.id, r.outboxId));
    expect(evt).toMatchObject({ name: "conversion/recorded", data: { conversionId: r.conversionId }, processedAt: null, availableAt: now, attempts: 0 });
  });

  it("answers duplicate with the same id for a replayed txn_id, and 409 when the amount differs", async () => {
    const clickId = await click(t.db, code);
    const first = await recordPostback(t.db, { token, click_id: clickId, event: "ftd", txn_id: "t-2", amount: "10" });
    const again = await recordPostback(t.db, { token, click_id: clickId, event: "ftd", txn_id: "t-2", amount: "10.00" });
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again).toEqual({ ok: true, status: "duplicate", conversionId: first.conversionId });
    const other = await recordPostback(t.db, { token, click_id: clickId, event: "ftd", txn_id: "t-2", amount: "11" });
    expect(other).toMatchObject({ ok: false, httpStatus: 409, error: "txn_conflict" });
    // The same txn_id for another event type is a different fact.
    const reg = await recordPostback(t.db, { token, click_id: clickId, event: "registration", txn_id: "t-2" });
    expect(reg).toMatchObject({ ok: true, status: "accepted" });
  });

  it.each([
    [{ token: "wrong" }, 401, "invalid_token"],
    [{ click_id: "clk_01jzzzzzzzzzzzzzzzzzzzzzzz" }, 404, "unknown_click"],
    [{ amount: "1e3" }, 400, "invalid_amount"],
    [{ amount: "12.345" }, 400, "invalid_amount"],
    [{ amount: "10", currency: "ZZZ" }, 400, "invalid_amount"],
    [{ txn_id: "" }, 400, "invalid_request"],
    [{ event: "FTD!" }, 400, "invalid_request"],
    [{ occurred_at: "yesterday" }, 400, "invalid_request"],
    [{ occurred_at: new Date(Date.now() + 3_600_000).toISOString() }, 400, "invalid_request"],
  ])("refuses %j with %i %s and stores nothing", async (override, status, error) => {
    const clickId = await click(t.db, code);
    const before = await t.db.$count(conversions);
    const r = await recordPostback(t.db, { token, click_id: clickId, event: "ftd", txn_id: `bad-${Math.random()}`, ...override });
    expect(r).toMatchObject({ ok: false, httpStatus: status, error });
    if (!r.ok) expect(r.message.length).toBeGreaterThan(5);
    expect(await t.db.$count(conversions)).toBe(before);
  });

  it("names every missing field", async () => {
    const r = await recordPostback(t.db, {});
    expect(r).toMatchObject({ ok: false, httpStatus: 400 });
    if (!r.ok) for (const f of ["event", "txn_id"]) expect(r.message).toContain(`${f} is required`);
    const noIdentity = await recordPostback(t.db, { token, event: "ftd", txn_id: "x" });
    expect(noIdentity).toMatchObject({ ok: false, httpStatus: 400, message: "one of click_id, customer_id or coupon is required" });
    const noToken = await recordPostback(t.db, { click_id: "clk_x", event: "ftd", txn_id: "x" });
    expect(noToken).toMatchObject({ ok: false, httpStatus: 401 });
    if (!noToken.ok) expect(noToken.message).toContain("token is required");
  });

  it("does not accept another program's click", async () => {
    const other = await makeProgram(t.db);
    const clickId = await click(t.db, code);
    const r = await recordPostback(t.db, { token: other.token, click_id: clickId, event: "ftd", txn_id: "x-prog" });
    expect(r).toMatchObject({ ok: false, httpStatus: 404 });
  });

  it("50 concurrent copies of one postback make one conversion and one commission", async () => {
    const clickId = await click(t.db, code);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => recordPostback(t.db, { token, click_id: clickId, event: "ftd", txn_id: "race-1", amount: "100" })),
    );
    const ids = new Set(results.map((r) => (r.ok ? r.conversionId : "error")));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.ok && r.status === "accepted")).toHaveLength(1);
    await drainOutbox(t.db);
    const [conversionId] = [...ids] as [string];
    expect(await t.db.$count(conversions, eq(conversions.txnId, "race-1"))).toBe(1);
    expect(await t.db.$count(commissions, eq(commissions.conversionId, conversionId))).toBe(1);
  });
});
