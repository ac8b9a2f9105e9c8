import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, like, sql } from "drizzle-orm";
import { bulkInsert } from "@/db/bulk-insert";
import { newId } from "@/db/ids";
import { rowsOf } from "@/db/types";
import { clicks, conversions, outboxEvents } from "@/db/schema";
import { localRunSettled } from "@/server/outbox/dispatch";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { recordPostback, type PostbackResult } from "./record-postback";
import { clickBatchStatement } from "./resolve-target";
import { explainNodes, rowsRead } from "@/test/explain";

type Accepted = Extract<PostbackResult, { status: "accepted" }>;
const accepted = (r: PostbackResult): Accepted => {
  if (!r.ok || r.status !== "accepted") throw new Error(`not accepted: ${JSON.stringify(r)}`);
  return r;
};

/**
 * Postbacks that arrive together are looked up and written together (one statement each per turn of the
 * event loop). These check that what a batch stores and answers is what each postback alone would, and that
 * one postback's failure at the database fails no other.
 */
describe.each(await drivers())("postbacks arriving together on %s", (driver) => {
  let t: TestDb;
  let token: string;
  let otherToken: string;
  let code: string;
  let otherCode: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    let offerId: string;
    ({ token, offerId } = await makeProgram(t.db));
    const other = await makeProgram(t.db);
    otherToken = other.token;
    const p = await makePartner(t.db, admin);
    code = await linkCode(t.db, p.partnerId, offerId);
    otherCode = await linkCode(t.db, p.partnerId, other.offerId);
    await localRunSettled();
  });
  afterAll(async () => {
    await localRunSettled();
    await t.close();
  });

  const xminsOf = async (ids: string[]) =>
    new Set(rowsOf<{ x: string }>(await t.db.execute(sql`select xmin::text as x from conversions where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`)).map((r) => r.x));

  it("stores each of 30 concurrent postbacks exactly as it stores one sent alone, in one transaction", async () => {
    const now = new Date("2026-03-01T12:00:00.123Z");
    const params = (txn: string, clickId: string, n: number) => ({
      token,
      click_id: clickId,
      event: "ftd",
      txn_id: txn,
      amount: `${10 + n}.25`,
      currency: n % 2 ? "eur" : "USD",
      occurred_at: "2026-03-01T11:59:00.5Z",
      customer_ip: `203.0.113.${n + 1}`,
      customer_email: `Player${n}@Example.com`,
      adv1: `a${n}`,
      adv5: n % 3 ? undefined : "five",
    });
    const alone = accepted(await recordPostback(t.db, params("alone-0", await click(t.db, code), 0), { now, auth: { ip: "198.51.100.7" } }));
    const clickIds = await Promise.all(Array.from({ length: 30 }, () => click(t.db, code)));
    const together = (await Promise.all(clickIds.map((c, n) => recordPostback(t.db, params(`together-${n}`, c, n), { now, auth: { ip: "198.51.100.7" } })))).map(accepted);

    // the 30 were written by one statement: one transaction id among them
    expect((await xminsOf(together.map((r) => r.conversionId))).size).toBe(1);
    const strip = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([k]) => !["id", "txnId", "clickId"].includes(k)));
    const [lone] = await t.db.select().from(conversions).where(eq(conversions.id, alone.conversionId));
    const [first] = await t.db.select().from(conversions).where(eq(conversions.id, together[0]!.conversionId));
    // the same postback alone and in a batch leaves the same row (ids and keys aside)
    expect(strip({ ...first!, params: { ...first!.params, txn_id: "x", click_id: "x" } })).toEqual(strip({ ...lone!, params: { ...lone!.params, txn_id: "x", click_id: "x" } }));
    expect(lone!.params).toMatchObject({ token: "[redacted]", customer_email: "[hashed]" });

    const rows = await t.db.select().from(conversions).where(like(conversions.txnId, "together-%"));
    expect(rows).toHaveLength(30);
    for (const [n, r] of together.entries()) {
      const row = rows.find((x) => x.id === r.conversionId)!;
      expect(row).toMatchObject({ txnId: `together-${n}`, clickId: clickIds[n], amount: 1025 + n * 100, currency: n % 2 ? "EUR" : "USD", customerIp: `203.0.113.${n + 1}`, adv1: `a${n}`, adv5: n % 3 ? null : "five" });
      expect(row.occurredAt).toEqual(new Date("2026-03-01T11:59:00.500Z"));
      expect(row.createdAt).toEqual(now);
    }
    const events = await t.db.select().from(outboxEvents).where(inArray(outboxEvents.id, together.map((r) => r.outboxId)));
    expect(events).toHaveLength(30);
    for (const r of together) {
      expect(events.find((e) => e.id === r.outboxId)).toMatchObject({ name: "conversion/recorded", data: { conversionId: r.conversionId }, availableAt: now, createdAt: now });
    }
  });

  it("answers replays within one batch as they arrive: the first is accepted, the same again a duplicate, other figures a 409", async () => {
    const clickId = await click(t.db, code);
    const send = (amount: string) => recordPostback(t.db, { token, click_id: clickId, event: "ftd", txn_id: "replayed-1", amount });
    const [first, again, third, other] = await Promise.all([send("30.00"), send("30.00"), send("30.00"), send("31.00")]);
    const id = accepted(first!).conversionId;
    expect(again).toEqual({ ok: true, status: "duplicate", conversionId: id });
    expect(third).toEqual({ ok: true, status: "duplicate", conversionId: id });
    expect(other).toMatchObject({ ok: false, httpStatus: 409, error: "txn_conflict" });
    expect(await t.db.$count(conversions, eq(conversions.txnId, "replayed-1"))).toBe(1);
    expect(await t.db.$count(outboxEvents, sql`${outboxEvents.data}->>'conversionId' = ${id}`)).toBe(1);
  });

  it("looks each click up in its own program: another program's click in the same batch is unknown", async () => {
    const [mine, theirs] = [await click(t.db, code), await click(t.db, otherCode)];
    const [ok, wrongProgram, right, wrongEvent] = await Promise.all([
      recordPostback(t.db, { token, click_id: mine, event: "ftd", txn_id: "lookup-1" }),
      recordPostback(t.db, { token, click_id: theirs, event: "ftd", txn_id: "lookup-2" }),
      recordPostback(t.db, { token: otherToken, click_id: theirs, event: "ftd", txn_id: "lookup-3" }),
      recordPostback(t.db, { token, click_id: mine, event: "nope", txn_id: "lookup-4" }),
    ]);
    // the offer's event types come back as a list from the batch's lookup too
    expect(wrongEvent).toMatchObject({ ok: false, httpStatus: 400, problems: [{ field: "event", message: expect.stringMatching(/^event "nope" is not configured for this offer \(allowed: [a-z_]+(, [a-z_]+)*\)$/) }] });
    expect(accepted(ok!)).toBeTruthy();
    expect(wrongProgram).toMatchObject({ ok: false, httpStatus: 404, error: "unknown_click" });
    const [row] = await t.db.select().from(conversions).where(eq(conversions.id, accepted(right!).conversionId));
    expect(row).toMatchObject({ clickId: theirs, txnId: "lookup-3" });
    expect(await t.db.$count(conversions, eq(conversions.txnId, "lookup-2"))).toBe(0);
  });

  it("fails only the postback the database refuses: the rest of its batch is written, each with its event", async () => {
    // a constraint the input checks know nothing of: the database refuses this one row at insert
    await t.db.execute(sql`alter table conversions add constraint test_refuse_poison check (txn_id <> 'poison')`);
    try {
      const clickIds = await Promise.all(Array.from({ length: 6 }, () => click(t.db, code)));
      const results = await Promise.allSettled(clickIds.map((c, n) => recordPostback(t.db, { token, click_id: c, event: "ftd", txn_id: n === 3 ? "poison" : `healthy-${n}`, amount: "5.00" })));
      expect(results[3]).toMatchObject({ status: "rejected" });
      const reason = (results[3] as PromiseRejectedResult).reason as Error & { cause?: Error };
      expect(String(reason.cause?.message ?? reason)).toContain("test_refuse_poison");
      const ok = results.flatMap((r, n) => (n === 3 ? [] : [accepted((r as PromiseFulfilledResult<PostbackResult>).value)]));
      expect(ok).toHaveLength(5);
      expect(await t.db.$count(conversions, like(conversions.txnId, "healthy-%"))).toBe(5);
      expect(await t.db.$count(outboxEvents, inArray(outboxEvents.id, ok.map((r) => r.outboxId)))).toBe(5);
      expect(await t.db.$count(conversions, eq(conversions.txnId, "poison"))).toBe(0);
    } finally {
      await t.db.execute(sql`alter table conversions drop constraint test_refuse_poison`);
    }
  });

  it("reads only the asked clicks, whatever the statistics say", async () => {
    const asked = await Promise.all(Array.from({ length: 5 }, () => click(t.db, code)));
    // statistics taken while the partition held a few clicks (a new month's, after its first), then a burst
    await t.db.execute(sql`analyze clicks`);
    const [model] = await t.db.select().from(clicks).where(eq(clicks.id, asked[0]!));
    await t.db.execute(bulkInsert(clicks, Array.from({ length: 3000 }, () => ({ ...model!, id: newId("click") }))));
    const [{ programId }] = rowsOf<{ programId: string }>(await t.db.execute(sql`select o.program_id as "programId" from offers o join clicks c on c.offer_id = o.id where c.id = ${asked[0]!}`)) as [{ programId: string }];
    const day = 86_400_000;
    const asks = asked.map((clickId) => ({ clickId, programId, from: new Date(Date.now() - day).toISOString(), to: new Date(Date.now() + day).toISOString() }));
    expect(rowsOf<{ clickId: string }>(await t.db.execute(clickBatchStatement(asks))).map((r) => r.clickId).sort()).toEqual([...asked].sort());
    const nodes = await explainNodes(t.db, clickBatchStatement(asks));
    // the five asked clicks, not the partition's 3,000 others
    expect(rowsRead(nodes, (name) => name.startsWith("clicks"))).toBeLessThan(50);
  });
});
