import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/client";
import { links, outboxEvents } from "@/db/schema";
import { attributeBatch } from "@/server/attribution/attribute-batch";
import type { PlanTerms } from "@/server/commissions/plans/types";
import { recordPostback } from "@/server/conversions/record-postback";
import { checkConversion } from "@/server/fraud/check-conversion";
import { processConversion } from "@/server/jobs/functions/process-conversion";
import { CONVERSION_BATCH, drainOutbox } from "@/server/jobs/outbox";
import { recordClick } from "@/server/tracking/record-click";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { BROWSER_UA, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { pipelineDigest } from "@/test/pipeline-digest";

const TERMS: PlanTerms = {
  currency: "USD",
  components: {
    cpa: { event: "ftd", amount: 10_000n },
    tiers: { metric: "ftd_count", event: "ftd", appliesTo: "cpa", tiers: [{ from: 1, to: 2, amount: 10_000n }, { from: 3, to: 4, amount: 12_000n }, { from: 5, to: null, amount: 15_000n }] },
    multiTier: { levels: [1000, 500] },
  },
};
const PARTNERS = 6;
const CONVERSIONS = 45;
const START = Date.UTC(2026, 9, 1, 8);
const MIN = 60_000;

/** mulberry32: the same conversions in every database. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The same facts in any database: partners named by rank with a sponsor chain (overrides up two levels), then
 * journeys of 1 to 3 clicks on random partners, reported as registrations, FTDs (paid on tiers) and the odd
 * refund, by customers from a small pool (a customer's later events bind and cross partners) and a few IPs (so
 * registration bursts, duplicate clicks and multi-partner customers fire), all at fixed times in recorded order.
 */
async function seed(db: Db, seedNo: number): Promise<void> {
  const admin = await makeAdmin(db);
  const { token, offerId } = await makeProgram(db, { terms: TERMS });
  for (let i = 0; i < PARTNERS; i++) await makePartner(db, admin);
  // the sign-ups' mails, now: a drain still running once the conversions below are recorded would claim some of them
  await drainOutbox(db);
  await db.execute(sql`with ranked as (select id, row_number() over (order by id) as n from partners) update partners p set name = 'Partner ' || r.n from ranked r where p.id = r.id`);
  await db.execute(sql`update commission_plans set name = 'Tiered'`);
  await db.execute(sql`
    with ranked as (select id, row_number() over (order by id) as n from partners)
    update partners p set parent_partner_id = s.id from ranked r join ranked s on s.n = r.n - 1 where p.id = r.id and r.n > 1`);
  const codes = (await db.select({ code: links.code, name: sql<string>`(select name from partners where id = ${links.partnerId})` }).from(links).where(eq(links.offerId, offerId)))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((l) => l.code);
  const rand = prng(seedNo);
  const int = (n: number) => Math.floor(rand() * n);
  const sales: string[] = [];
  for (let n = 0; n < CONVERSIONS; n++) {
    const at = START + n * 7 * MIN;
    const ip = `198.51.100.${1 + int(4)}`;
    let clickId: string | null = null;
    let visitorId: string | null = null;
    const clicks = 1 + int(3);
    for (let k = 0; k < clicks; k++) {
      const r = await recordClick(db, { code: codes[int(codes.length)]!, ip, userAgent: BROWSER_UA, referrer: null, subs: [`s${int(3)}`], visitorId, now: new Date(at - (clicks - k) * 5 * MIN) });
      if (!r.found || !r.clickId) throw new Error("click not stored");
      clickId = r.clickId;
      visitorId = r.visitorId;
    }
    const roll = rand();
    const customer = `cust-${int(12)}`;
    const refund = roll > 0.9 && sales.length > 0 ? sales[int(sales.length)]! : null;
    const event = refund ? "refund" : roll < 0.3 ? "registration" : "ftd";
    const txn = refund ?? `txn-${n}`;
    if (event === "ftd") sales.push(txn);
    const r = await recordPostback(
      db,
      { token, click_id: clickId, event, txn_id: txn, customer_id: customer, customer_ip: ip, amount: "50.00", occurred_at: new Date(at).toISOString(), ...(refund ? { refund_id: `r-${n}` } : {}) },
      { now: new Date(at + MIN) },
    );
    if (!r.ok) throw new Error(`postback refused: ${JSON.stringify(r)}`);
  }
}

/** The due conversion events in claim order. */
async function due(db: Db) {
  const rows = await db.select({ id: outboxEvents.id, data: outboxEvents.data }).from(outboxEvents).where(sql`processed_at is null and name = 'conversion/recorded'`).orderBy(outboxEvents.availableAt, outboxEvents.id);
  return rows.map((r) => ({ outboxId: r.id, conversionId: String(r.data.conversionId) }));
}

describe.each(await drivers())("conversion batches on %s", (driver) => {
  const dbs: TestDb[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 4; i++) dbs.push(await createTestDb(driver));
  });
  afterAll(async () => {
    for (const t of dbs) await t.close();
  });

  it("decide every attribution, fraud result and ledger line exactly as processing one by one does", async () => {
    const [single, batched] = [dbs[0]!.db, dbs[1]!.db];
    await seed(single, 7);
    await seed(batched, 7);

    for (const e of await due(single)) await processConversion.runLocal(single, { conversionId: e.conversionId }, e.outboxId, { dispatch: false });
    const size = CONVERSION_BATCH.size;
    CONVERSION_BATCH.size = 7; // batches that split customers, partners and sales from their refunds
    try {
      expect(await drainOutbox(batched)).toBe(CONVERSIONS);
    } finally {
      CONVERSION_BATCH.size = size;
    }
    expect(await due(batched)).toEqual([]);

    const [a, b] = [await pipelineDigest(single), await pipelineDigest(batched)];
    expect(b.conversions).toBe(CONVERSIONS);
    expect(b.lines).toEqual(a.lines);
    expect(b.digest).toBe(a.digest);

    // the data exercised what could differ: tiers, overrides, refunds, bindings and fraud rules that count history
    const [shape] = rowsOf<{ amounts: number; overrides: number; reversals: number; flagged: number; bound: number }>(
      await batched.execute(sql`
        select (select count(distinct amount)::int from commissions where kind = 'event' and credit = 1) as amounts,
          (select count(*)::int from commissions where kind = 'override') as overrides,
          (select count(*)::int from ledger_entries where type = 'reversal') as reversals,
          (select count(*)::int from fraud_checks where action <> 'allow') as flagged,
          (select count(*)::int from customer_bindings) as bound`),
    );
    expect(shape!.amounts).toBeGreaterThan(1);
    expect(shape!.overrides).toBeGreaterThan(0);
    expect(shape!.reversals).toBeGreaterThan(0);
    expect(shape!.flagged).toBeGreaterThan(0);
    expect(shape!.bound).toBeGreaterThan(0);
    await expectLedgerInvariants(single);
    await expectLedgerInvariants(batched);
  }, 300_000);

  it("give each conversion the same fraud result whichever order the checks run in", async () => {
    const [forward, backward] = [dbs[2]!.db, dbs[3]!.db];
    for (const db of [forward, backward]) {
      await seed(db, 11);
      // attribution first (it is what the rules count), in recorded order
      for (const e of await due(db)) await attributeBatch(db, [e.conversionId]);
    }
    for (const e of await due(forward)) await checkConversion(forward, e.conversionId);
    for (const e of (await due(backward)).reverse()) await checkConversion(backward, e.conversionId);
    const checks = async (db: Db) =>
      rowsOf<{ line: string }>(
        await db.execute(sql`
          select v.event || '|' || v.txn_id || '|' || v.refund_id || '|' || f.action || '|' || f.score || '|' || (select coalesce(string_agg(h->>'code', ',' order by h->>'code'), '') from jsonb_array_elements(f.hits) h) as line
          from fraud_checks f join conversions v on v.id = f.conversion_id order by 1`),
      ).map((r) => r.line);
    const [a, b] = [await checks(forward), await checks(backward)];
    expect(a.length).toBeGreaterThan(CONVERSIONS / 2);
    expect(a.some((line) => !line.includes("|allow|"))).toBe(true);
    expect(b).toEqual(a);
  }, 300_000);
});
