import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/client";
import type { SessionUser } from "@/server/auth/authenticate";
import { recordPostback } from "@/server/conversions/record-postback";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { createCaller } from "@/server/trpc/root";
import { click, linkCode, makeAdmin, makeMember, makePartner, makeProgram } from "@/test/factories";
import { expectCode, fieldErrorsOf } from "@/test/trpc-errors";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { assignPlan, createPlan } from "./manage-plans";
import { kpiClosesAt } from "./plans/kpi";
import { toStoredRules } from "./plans/stored";
import type { PlanTerms } from "./plans/types";
import { settleKpis } from "./settle-kpi";
import { planWhatIf } from "./what-if";

// The current deal: a flat CPA of 200.00 per FTD.
const CURRENT: PlanTerms = { currency: "USD", components: { cpa: { event: "ftd", amount: 20_000n } } };
// The draft: tiered CPA (100.00 for a month's first two FTDs, 150.00 from the third), 10% of deposits for one month
// per customer, and a 50.00 bonus for a month with at least 2 qualified FTDs.
const DRAFT: PlanTerms = {
  currency: "USD",
  components: {
    cpa: { event: "ftd", amount: 10_000n },
    tiers: { metric: "ftd_count", event: "ftd", appliesTo: "cpa", tiers: [{ from: 1, to: 2, amount: 10_000n }, { from: 3, to: null, amount: 15_000n }] },
    revshare: { events: ["deposit"], rateBp: 1000, recurringMonths: 1 },
    kpi: { effect: "bonus", bonusAmount: 5_000n, rules: [{ metric: "qualified_ftd_count", min: 2 }] },
  },
};

const now = new Date();
// the period: the whole calendar month two months back; one FTD in the month before it is history
const day = (d: number, back = 2) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, d, 12));
const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1));
const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
const month = from.toISOString().slice(0, 7);

type World = { programId: string; offerId: string; currentPlanId: string; p1: string; p2: string };

/**
 * One history, built the same way in two databases: the offer pays its CPA only on a first deposit of at least
 * 20.00; partner 1 has an FTD before the period and, in it, four FTDs (one too small, one refunded), deposits (one
 * of a customer whose month of revenue share ended before the period) and a partial refund; partner 2 an FTD and
 * a deposit. With `publish`, the draft is assigned to both partners from the period's start, as publishing it
 * before the period would have done.
 */
async function history(db: Db, admin: SessionUser, publish: boolean): Promise<World> {
  const program = await makeProgram(db, { terms: CURRENT, qualification: toStoredRules({ minDeposit: 2_000n }) });
  const p1 = (await makePartner(db, admin)).partnerId;
  const p2 = (await makePartner(db, admin)).partnerId;
  if (publish) {
    const { planId } = await createPlan(db, { programId: program.programId, name: "Draft", terms: DRAFT, actorId: null, effectiveFrom: from });
    for (const partnerId of [p1, p2]) await assignPlan(db, { programId: program.programId, planId, partnerId, offerId: null, effectiveFrom: from, note: "published", actorId: null });
  }
  const codes = new Map([[p1, await linkCode(db, p1, program.offerId)], [p2, await linkCode(db, p2, program.offerId)]]);
  let seq = 0;
  const report = async (partnerId: string, at: Date, params: Record<string, string>) => {
    const clickId = await click(db, codes.get(partnerId)!, new Date(at.getTime() - 3_600_000));
    const r = await recordPostback(db, { token: program.token, click_id: clickId, txn_id: `t-${seq++}`, occurred_at: at.toISOString(), ...params }, { now: new Date(at.getTime() + 60_000) });
    if (!r.ok || r.status !== "accepted") throw new Error(`postback refused: ${JSON.stringify(r)}`);
    await processConversionSteps(db, immediateSteps, { conversionId: r.conversionId });
  };
  await report(p1, day(2, 3), { event: "ftd", customer_id: "c0", amount: "100.00" });
  await report(p1, day(2), { event: "ftd", customer_id: "c1", amount: "50.00" });
  await report(p1, day(3), { event: "ftd", customer_id: "c2", amount: "10.00" });
  await report(p1, day(4), { event: "ftd", customer_id: "c3", amount: "30.00" });
  await report(p1, day(5), { event: "deposit", customer_id: "c1", amount: "100.00" });
  await report(p1, day(6), { event: "deposit", customer_id: "c0", amount: "100.00" });
  await report(p1, day(7), { event: "ftd", customer_id: "c4", amount: "40.00", txn_id: "ftd-c4" });
  await report(p1, day(8), { event: "deposit", customer_id: "c1", amount: "200.00", txn_id: "dep-x" });
  await report(p1, day(9), { event: "refund", customer_id: "c1", amount: "50.00", txn_id: "dep-x" });
  await report(p1, day(10), { event: "refund", customer_id: "c4", txn_id: "ftd-c4" });
  await report(p2, day(11), { event: "ftd", customer_id: "c5", amount: "60.00" });
  await report(p2, day(12), { event: "deposit", customer_id: "c5", amount: "30.00" });
  if (publish) await settleKpis(db, program.programId, month, new Date(Math.max(now.getTime(), kpiClosesAt(DRAFT.components.kpi!, month).getTime())));
  return { programId: program.programId, offerId: program.offerId, currentPlanId: program.planId, p1, p2 };
}

/** What accrual holds for the period's conversions (live commissions) and the month's KPI, per partner and currency. */
async function paid(db: Db, partnerId: string): Promise<Record<string, number>> {
  const rows = rowsOf<{ currency: string; amount: string }>(
    await db.execute(sql`
      select c.currency, sum(c.amount)::text as amount from commissions c
      left join conversions v on v.id = c.conversion_id left join kpi_settlements k on k.id = c.kpi_settlement_id
      where c.partner_id = ${partnerId}
        and ((v.occurred_at >= ${from.toISOString()}::timestamptz and v.occurred_at < ${to.toISOString()}::timestamptz) or k.period = ${month})
        and (select le.type from ledger_entries le where le.commission_id = c.id order by le.seq desc limit 1) not in ('rejection', 'reversal')
      group by c.currency`),
  );
  return Object.fromEntries(rows.map((r) => [r.currency, Number(r.amount)]));
}

/** Every row count and sum a what-if could have touched, and where each commission points. */
async function fingerprint(db: Db) {
  const [row] = rowsOf<Record<string, string>>(
    await db.execute(sql`select
      (select count(*) from commissions)::text as commissions, (select coalesce(sum(amount), 0) from commissions)::text as amount,
      (select count(*) from ledger_entries)::text as entries, (select count(*) from commission_plans)::text as plans,
      (select count(*) from kpi_settlements)::text as kpi, (select count(*) from attributions)::text as attributions,
      (select string_agg(id || ':' || coalesce(conversion_id, '-'), ',' order by id) from commissions) as links,
      (select string_agg(id || ':' || coalesce(commission_note, '-'), ',' order by id) from conversions) as notes`),
  );
  return row;
}

describe.each(await drivers())("plan what-if on %s", (driver) => {
  let replayed: TestDb;
  let published: TestDb;
  let admin: SessionUser;
  let world: World;
  let twin: World;

  beforeAll(async () => {
    replayed = await createTestDb(driver);
    admin = await makeAdmin(replayed.db);
    world = await history(replayed.db, admin, false);
    published = await createTestDb(driver);
    twin = await history(published.db, await makeAdmin(published.db), true);
  }, 180_000);
  afterAll(async () => {
    await replayed.close();
    await published.close();
  });

  it("projects the draft on the period's real conversions, and publishing it and accruing the period pays exactly that, partner by partner", async () => {
    const before = await fingerprint(replayed.db);
    const r = await planWhatIf(replayed.db, { programId: world.programId, from, to, partnerIds: [world.p1, world.p2], draft: { terms: DRAFT } });
    expect(await fingerprint(replayed.db)).toEqual(before);
    await expectLedgerInvariants(replayed.db);

    const row = (id: string) => r.rows.find((x) => x.partnerId === id);
    // what the current plan paid: 200.00 for c1 and c3 (c2's 10.00 is under the minimum deposit, c4 was refunded); 200.00 for c5
    expect(row(world.p1)).toMatchObject({ chosen: true, actual: { USD: 40_000 } });
    expect(row(world.p2)).toMatchObject({ chosen: true, actual: { USD: 20_000 } });
    // the draft: c1 100.00, c3 100.00, c4 150.00 (the 3rd commissioned FTD) refunded; 10.00 on c1's first deposit,
    // 15.00 on the 150.00 left of the second; nothing on c0's deposit (its month ended before); the 50.00 bonus
    expect(row(world.p1)!.projected).toEqual({ USD: 10_000 + 10_000 + 1_000 + 1_500 + 5_000 });
    expect(row(world.p2)!.projected).toEqual({ USD: 10_000 + 300 });
    expect(r.totals).toEqual([{ currency: "USD", actual: 60_000, projected: 27_500 + 10_300 }]);
    expect(r.kpiMonths).toEqual([month]);
    expect(r.events).toBe(11);

    // published before the period and accrued as it happened: the same figures, to the cent
    expect(await paid(published.db, twin.p1)).toEqual(row(world.p1)!.projected);
    expect(await paid(published.db, twin.p2)).toEqual(row(world.p2)!.projected);
  });

  it("tries the terms on one offer only when asked: the same figures here, the program's only offer", async () => {
    const r = await planWhatIf(replayed.db, { programId: world.programId, from, to, offerId: world.offerId, partnerIds: [world.p1, world.p2], draft: { terms: DRAFT } });
    expect(Object.fromEntries(r.rows.map((x) => [x.partnerId, x.projected]))).toEqual({ [world.p1]: { USD: 27_500 }, [world.p2]: { USD: 10_300 } });
  });

  it("replays the current plan to exactly what accrual paid", async () => {
    const r = await planWhatIf(replayed.db, { programId: world.programId, from, to, partnerIds: [world.p1, world.p2], draft: { planId: world.currentPlanId } });
    expect(r.rows.map((x) => [x.partnerId, x.projected])).toEqual(r.rows.map((x) => [x.partnerId, x.actual]));
    expect(r.rows.map((x) => x.actual)).toEqual([await paid(replayed.db, r.rows[0]!.partnerId), await paid(replayed.db, r.rows[1]!.partnerId)]);
  });

  it("is an admin procedure that names every bad field at once", async () => {
    const as = (user: SessionUser) => createCaller({ db: replayed.db, user });
    const viaApi = await as(admin).plans.whatIf({ programId: world.programId, from, to, partnerIds: [world.p1], draft: { terms: DRAFT } });
    expect(viaApi.rows.find((x) => x.partnerId === world.p1)?.projected).toEqual({ USD: 27_500 });
    await expectCode(as(await makeMember(replayed.db, "manager")).plans.whatIf({ programId: world.programId, from, to, partnerIds: [world.p1], draft: { planId: world.currentPlanId } }), "FORBIDDEN");
    const err = await expectCode(as(admin).plans.whatIf({ programId: world.programId, from: new Date(now.getTime() + 86_400_000), to: from, partnerIds: [], draft: { planId: world.currentPlanId } }), "BAD_REQUEST");
    expect(fieldErrorsOf(err)).toMatchObject({ from: "Pick a period that has started", to: "The period must end after it starts", partnerIds: "Pick at least one partner" });
  });

  it("names every bad field", async () => {
    const bad = await planWhatIf(replayed.db, { programId: world.programId, from: to, to: from, partnerIds: [], draft: { terms: DRAFT } }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: "BAD_REQUEST", field: "to" });
    expect(String((bad as Error).message)).toContain("Pick at least one partner");
    const future = await planWhatIf(replayed.db, { programId: world.programId, from: new Date(now.getTime() + 86_400_000), to: new Date(now.getTime() + 2 * 86_400_000), partnerIds: [world.p1], draft: { terms: DRAFT } }).catch((e: unknown) => e);
    expect(future).toMatchObject({ code: "BAD_REQUEST", field: "from" });
    const long = await planWhatIf(replayed.db, { programId: world.programId, from: new Date(to.getTime() - 100 * 86_400_000), to, partnerIds: [world.p1], draft: { terms: DRAFT } }).catch((e: unknown) => e);
    expect(long).toMatchObject({ code: "BAD_REQUEST", field: "to", message: "Pick at most 92 days" });
    const other = await planWhatIf(replayed.db, { programId: world.programId, from, to, partnerIds: [world.p1], draft: { planId: "pln_nope" } }).catch((e: unknown) => e);
    expect(other).toMatchObject({ code: "NOT_FOUND", field: "planId" });
    const offer = await planWhatIf(replayed.db, { programId: world.programId, from, to, offerId: "off_nope", partnerIds: [world.p1], draft: { terms: DRAFT } }).catch((e: unknown) => e);
    expect(offer).toMatchObject({ code: "NOT_FOUND", field: "offerId" });
  });
});
