import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickIdWindow, clickPartitionName, dropExpiredClickPartitions, ensureClickPartitions, listClickPartitions, monthStart } from "@/db/click-partitions";
import { rowsOf } from "@/db/client";
import { newId } from "@/db/ids";
import { clicks, conversions } from "@/db/schema";
import { recordPostback } from "@/server/conversions/record-postback";
import { clickPartitionsSteps } from "@/server/jobs/functions/click-partitions";
import { immediateSteps } from "@/server/jobs/step";
import { recordClick } from "@/server/tracking/record-click";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { BROWSER_UA, linkCode, makeAdmin, makePartner, makeProgram, visitorIp } from "@/test/factories";
import { getClick, listConversions } from "./list-clicks";
import { rebuildRollups } from "./rebuild-rollups";
import { runReport } from "./run-report";
import { drainRollups } from "./run-rollups";
import { reportQuerySchema } from "./schemas";

const DAY = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

describe.each(await drivers())("click partitions on %s", (driver) => {
  let t: TestDb;
  let program: Awaited<ReturnType<typeof makeProgram>>;
  let code: string;
  const now = new Date();
  // two months past a 13-month retention, ten days into each
  const old = new Date(monthStart(now, -15).getTime() + 10 * DAY);
  const older = new Date(monthStart(now, -14).getTime() + 10 * DAY);

  beforeAll(async () => {
    t = await createTestDb(driver);
    const admin = await makeAdmin(t.db);
    program = await makeProgram(t.db, { commissionEvent: "ftd", cpaAmount: 5_000 });
    code = await linkCode(t.db, (await makePartner(t.db, admin)).partnerId, program.offerId);
  });
  afterAll(() => t.close());

  const partitionOf = async (id: string) =>
    rowsOf<{ part: string }>(await t.db.execute(sql`select tableoid::regclass::text as part from clicks where id = ${id}`))[0]?.part;
  const click = async (at: Date) => {
    const r = await recordClick(t.db, { code, ip: visitorIp(), userAgent: BROWSER_UA, referrer: null, subs: [], visitorId: null, now: at });
    if (!r.found || !r.clickId) throw new Error("click not stored");
    return r.clickId;
  };
  const clicksIn = async (month: Date) => {
    const to = new Date(monthStart(month, 1).getTime() - DAY);
    const r = await runReport(t.db, reportQuerySchema.parse({ from: day(monthStart(month)), to: day(to), dimensions: ["partner"], filters: { program: program.programId } }), { kind: "admin" });
    return r.totals.clicks;
  };

  it("a fresh install has this month and the next three, and a click lands in its month's partition", async () => {
    const names = (await listClickPartitions(t.db)).map((p) => p.name);
    for (let i = 0; i <= 3; i++) expect(names).toContain(clickPartitionName(monthStart(now, i)));
    const inherits = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from pg_inherits where inhparent = 'clicks'::regclass`));
    expect(inherits[0]?.n).toBe(names.length + 1); // + the default partition
    expect(await partitionOf(await click(now))).toBe(clickPartitionName(monthStart(now)));
    // a month nobody made yet goes to the default partition rather than failing the redirect
    expect(await partitionOf(await click(old))).toBe("clicks_default");
  });

  it("the ahead job makes missing months once, moving what the default partition caught", async () => {
    const [stray] = await t.db.select({ id: clicks.id }).from(clicks).where(eq(clicks.createdAt, old));
    const ahead = await ensureClickPartitions(t.db, monthStart(now, 6));
    expect(ahead).toEqual([clickPartitionName(monthStart(old)), ...[6, 7, 8, 9].map((i) => clickPartitionName(monthStart(now, i)))]);
    expect(await partitionOf(stray!.id)).toBe(clickPartitionName(monthStart(old)));
    // the month that came with a row has statistics at once (reltuples is -1 until a table is first analyzed); an
    // empty one made ahead is left to autovacuum
    const stats = rowsOf<{ name: string; tuples: number }>(
      await t.db.execute(sql`select relname as name, reltuples::float8 as tuples from pg_class where relname in (${clickPartitionName(monthStart(old))}, ${clickPartitionName(monthStart(now, 6))}) order by relname`),
    );
    expect(stats.map((r) => [r.name, Number(r.tuples)])).toEqual([
      [clickPartitionName(monthStart(old)), 1],
      [clickPartitionName(monthStart(now, 6)), -1],
    ]);
    expect(await ensureClickPartitions(t.db, monthStart(now, 6))).toEqual([]);
    expect(await ensureClickPartitions(t.db, now)).toEqual([]);
    expect(await ensureClickPartitions(t.db, old, 1)).toEqual([clickPartitionName(monthStart(older))]);
    const defaultRows = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from clicks_default`));
    expect(defaultRows[0]?.n).toBe(0);
  });

  it("retention drops folded old months; rollups keep their totals and conversions keep their click id", async () => {
    const oldClicks = [await click(old), await click(old)];
    const p = await recordPostback(t.db, { token: program.token, click_id: oldClicks[0]!, event: "ftd", txn_id: "old-1", amount: "10.00" });
    if (!p.ok || p.status !== "accepted") throw new Error("postback not accepted");
    await drainRollups(t.db);
    const before = await clicksIn(old);
    expect(before).toBe(3);
    // a click of the next month not folded yet: that month must wait for the rollup worker
    const pending = await click(older);

    const first = await dropExpiredClickPartitions(t.db, 13, now);
    const gone = clickPartitionName(monthStart(old));
    expect(first.dropped).toEqual([gone]);
    expect(first.kept).toEqual([clickPartitionName(monthStart(older))]);
    expect((await listClickPartitions(t.db)).map((x) => x.name)).not.toContain(gone);
    expect(await t.db.select().from(clicks).where(eq(clicks.id, oldClicks[0]!))).toEqual([]);
    expect(await partitionOf(pending)).toBe(clickPartitionName(monthStart(older)));

    expect(await clicksIn(old)).toBe(before);
    const [cv] = await t.db.select().from(conversions).where(eq(conversions.id, p.conversionId));
    expect(cv?.clickId).toBe(oldClicks[0]);
    const log = await listConversions(t.db, { offerId: program.offerId, limit: 50, offset: 0 });
    expect(log.items.find((i) => i.id === p.conversionId)?.clickId).toBe(oldClicks[0]);
    expect(await getClick(t.db, oldClicks[0]!)).toBeNull();

    // once folded, the next month goes too; a rebuild still has the dropped months' clicks
    await drainRollups(t.db);
    const second = await clickPartitionsSteps(t.db, immediateSteps, now, 13);
    expect(second.dropped).toEqual([clickPartitionName(monthStart(older))]);
    expect(await clicksIn(older)).toBe(1);
    await rebuildRollups(t.db);
    expect(await clicksIn(old)).toBe(before);
    expect(await clicksIn(older)).toBe(1);
    expect(await clicksIn(now)).toBe(1);
    // drainRollups waits for the cluster's oldest transaction: another database's long one can hold it back
  }, 180_000);

  it("a lookup by click id reads only the months its id's time names, and finds a click stored at another time", async () => {
    const id = await click(now);
    const w = clickIdWindow(id)!;
    const plan = rowsOf<Record<string, string>>(
      await t.db.execute(sql`explain select id from clicks where id = ${id} and created_at >= ${w.from.toISOString()}::timestamptz and created_at < ${w.to.toISOString()}::timestamptz`),
    )
      .map((r) => Object.values(r)[0])
      .join("\n");
    const scanned = new Set(plan.match(/clicks_(p\d{4}_\d{2}|default)/g));
    expect(scanned.size).toBeGreaterThanOrEqual(1);
    expect(scanned.size).toBeLessThanOrEqual(2);
    expect(scanned.has("clicks_default")).toBe(false);

    // an imported click whose id was made now but whose time is months back: the postback still finds it
    const [link] = await t.db.select({ linkId: clicks.linkId, partnerId: clicks.partnerId, offerId: clicks.offerId }).from(clicks).where(eq(clicks.id, id));
    const imported = newId("click");
    await t.db.insert(clicks).values({ ...link!, id: imported, createdAt: new Date(monthStart(now, -1).getTime() - 5 * DAY) });
    const p = await recordPostback(t.db, { token: program.token, click_id: imported, event: "ftd", txn_id: "imported-1", amount: "1.00" });
    expect(p.ok && p.status).toBe("accepted");
    expect(clickIdWindow("cnv_01hzzzzzzzzzzzzzzzzzzzzzzz")).toBeNull();
  });

  it("without a retention setting nothing is dropped", async () => {
    const r = await clickPartitionsSteps(t.db, immediateSteps, now, undefined);
    expect(r.dropped).toEqual([]);
  });
});
