import { desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { rowsOf } from "@/db/client";
import { commissionPlans, commissionPlanVersions, offers, partners, programs } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { accrueCommissionIn } from "./conversion-commission";
import { createPlan } from "./manage-plans";
import { PlanBook, type BookSource, type ResolvedPlan } from "./plan-book";
import { kpiClosesAt, kpiPeriod, kpiPeriodRange } from "./plans/kpi";
import { fromStoredTerms } from "./plans/stored";
import type { PlanTerms } from "./plans/types";
import { settleKpis } from "./settle-kpi";
import { WHAT_IF_MAX_DAYS, WHAT_IF_MAX_PARTNERS } from "./what-if-schema";
import { DAY_MS } from "@/server/time/days";

/** The most events a what-if replays in one transaction (it holds their commission rows while it runs). */
export const WHAT_IF_MAX_EVENTS = 5_000;

export type WhatIfDraft = { planId: string } | { terms: PlanTerms };
/** `offerId`: the offer the terms are tried on (the partners' other offers keep their plans); absent, every offer. */
export type WhatIfInput = { programId: string; from: Date; to: Date; offerId?: string | null; partnerIds: string[]; draft: WhatIfDraft; now?: Date };

/** Money per currency, in minor units. */
export type Amounts = Record<string, number>;
export type WhatIfRow = { partnerId: string; name: string; chosen: boolean; actual: Amounts; projected: Amounts };
export type WhatIfResult = {
  from: Date;
  to: Date;
  planName: string;
  /** Events replayed through accrual: the period's conversions of the chosen partners and the refunds of them. */
  events: number;
  /** Calendar months wholly inside the period, whose KPI deals were judged; other months' KPI is left out of both columns. */
  kpiMonths: string[];
  rows: WhatIfRow[];
  totals: { currency: string; actual: number; projected: number }[];
};

class RolledBack extends Error {}

/**
 * What a plan would have paid: the period's real conversions of the chosen partners are priced again through
 * accrual itself (`accrueCommissionIn`: tiers in order, the offer's qualification rules, recurring limits, partial
 * refunds, multi-tier overrides) and their KPI months settled (`settleKpis`), with the chosen partners pinned to
 * the draft terms, in one transaction that is then rolled back: nothing is written. Next to it, what accrual
 * actually holds for the same conversions (live commissions: neither rejected nor reversed) and months.
 *
 * Inside the transaction the chosen partners' commissions on conversions from the period's start on, and every
 * commission of the replayed conversions, are detached from their conversions, so that the replay sees the history
 * before the period only, as accrual did when the period happened. Refunds reported after the period of the
 * period's conversions are replayed too: both columns are what the period's conversions are worth today.
 * Not replayed: NGR settlements, and the team's manual approvals and rejections (a rejected commission counts in
 * the actual column as nothing, and in the projection as accrued).
 */
export async function planWhatIf(db: Db, input: WhatIfInput): Promise<WhatIfResult> {
  const now = input.now ?? new Date();
  const problems: { field: string; message: string }[] = [];
  if (input.from.getTime() >= now.getTime()) problems.push({ field: "from", message: "Pick a period that has started" });
  if (input.to.getTime() <= input.from.getTime()) problems.push({ field: "to", message: "The period must end after it starts" });
  else if (input.to.getTime() - input.from.getTime() > WHAT_IF_MAX_DAYS * DAY_MS) problems.push({ field: "to", message: `Pick at most ${WHAT_IF_MAX_DAYS} days` });
  const partnerIds = [...new Set(input.partnerIds)];
  if (partnerIds.length === 0) problems.push({ field: "partnerIds", message: "Pick at least one partner" });
  if (partnerIds.length > WHAT_IF_MAX_PARTNERS) problems.push({ field: "partnerIds", message: `Pick at most ${WHAT_IF_MAX_PARTNERS} partners` });
  const first = problems[0];
  if (first) throw new DomainError("BAD_REQUEST", problems.map((p) => p.message).join("; "), first.field);

  const [program] = await db.select({ id: programs.id }).from(programs).where(eq(programs.id, input.programId));
  if (!program) throw new DomainError("NOT_FOUND", "Program not found", "programId");
  const known = await db.select({ id: partners.id }).from(partners).where(inArray(partners.id, partnerIds));
  if (known.length !== partnerIds.length) throw new DomainError("NOT_FOUND", "Partner not found", "partnerIds");
  if (input.offerId) {
    const [offer] = await db.select({ programId: offers.programId }).from(offers).where(eq(offers.id, input.offerId));
    if (!offer || offer.programId !== input.programId) throw new DomainError("NOT_FOUND", "Offer not found in this program", "offerId");
  }
  if ("planId" in input.draft) {
    const [plan] = await db.select({ programId: commissionPlans.programId }).from(commissionPlans).where(eq(commissionPlans.id, input.draft.planId));
    if (!plan || plan.programId !== input.programId) throw new DomainError("NOT_FOUND", "Plan not found in this program", "planId");
  }

  // a period that runs to today is replayed up to now
  const until = new Date(Math.min(input.to.getTime(), now.getTime()));
  const chosen = sql.join(partnerIds.map((p) => sql`${p}`), sql`, `);
  const from = input.from.toISOString();
  const to = until.toISOString();
  // the period's conversions of the chosen partners (sole partner, or a credit in the current attribution record)
  const originals = sql`
    select v.id from conversions v
    where v.program_id = ${input.programId} and v.occurred_at >= ${from}::timestamptz and v.occurred_at < ${to}::timestamptz
      and v.event not in ('refund', 'chargeback')
      and (v.partner_id in (${chosen}) or exists (
        select 1 from attributions a cross join lateral jsonb_array_elements(a.credits) e
        where a.conversion_id = v.id and a.superseded_at is null and e->>'partnerId' in (${chosen})))`;
  const reversals = sql`
    select r.id from conversions r
    where r.program_id = ${input.programId} and r.occurred_at >= ${from}::timestamptz and r.event in ('refund', 'chargeback')
      and exists (select 1 from conversions o where o.offer_id = r.offer_id and o.txn_id = r.txn_id and o.id in (${originals}))`;
  const [counted] = rowsOf<{ n: number }>(await db.execute(sql`select (select count(*) from (${originals}) o)::int + (select count(*) from (${reversals}) r)::int as n`));
  const events = counted?.n ?? 0;
  if (events > WHAT_IF_MAX_EVENTS) throw new DomainError("BAD_REQUEST", `The period has ${events} events of these partners; a what-if replays at most ${WHAT_IF_MAX_EVENTS}: pick a shorter period or fewer partners`, "to");

  const kpiMonths: string[] = [];
  for (let m = kpiPeriodRange(kpiPeriod(input.from)); m.to.getTime() <= until.getTime(); m = kpiPeriodRange(kpiPeriod(m.to))) {
    if (m.from.getTime() >= input.from.getTime()) kpiMonths.push(kpiPeriod(m.from));
  }

  let result: WhatIfResult | undefined;
  try {
    await db.transaction(async (tx) => {
      const actual = await measure(tx, originals, partnerIds, kpiMonths, null);
      const draft = await draftPlan(tx, input, now);
      const books: BookSource = async (d, programId) => (await PlanBook.load(d, programId)).pin(new Set(partnerIds), draft, input.offerId ?? null);

      // the history the replay must see is the one before the period: detach what accrual wrote since
      await tx.execute(sql`
        update commissions c set conversion_id = null
        where c.conversion_id in (${originals})
           or (c.partner_id in (${chosen}) and c.conversion_id in (select v.id from conversions v where v.program_id = ${input.programId} and v.occurred_at >= ${from}::timestamptz))`);
      // a refund's note marks it applied; the replay applies it again
      await tx.execute(sql`update conversions set commission_note = null where id in (${originals}) or id in (${reversals})`);
      const order = rowsOf<{ id: string }>(await tx.execute(sql`select id from conversions where id in (${originals}) or id in (${reversals}) order by occurred_at, id`));
      for (const { id } of order) await accrueCommissionIn(tx, id, now, books);

      const kpi = draft.terms.components.kpi;
      if (kpi) {
        for (const month of kpiMonths) await settleKpis(tx, input.programId, month, new Date(Math.max(now.getTime(), kpiClosesAt(kpi, month).getTime())), books);
      }
      const projected = await measure(tx, originals, partnerIds, kpiMonths, draft.versionId);
      result = { from: input.from, to: until, planName: draft.planName, events, kpiMonths, ...(await table(tx, partnerIds, actual, projected)) };
      throw new RolledBack();
    });
  } catch (err) {
    if (!(err instanceof RolledBack)) throw err;
  }
  if (!result) throw new Error("the what-if produced no result");
  return result;
}

/** The draft as accrual will see it: an existing plan's latest version, or new terms saved as a plan inside the transaction. */
async function draftPlan(tx: Tx, input: WhatIfInput, now: Date): Promise<ResolvedPlan> {
  let planId: string;
  if ("planId" in input.draft) planId = input.draft.planId;
  else planId = (await createPlan(tx, { programId: input.programId, name: `What-if ${now.toISOString()}`, terms: input.draft.terms, actorId: null, effectiveFrom: input.from, now })).planId;
  const [version] = await tx
    .select({ id: commissionPlanVersions.id, version: commissionPlanVersions.version, terms: commissionPlanVersions.terms, name: commissionPlans.name })
    .from(commissionPlanVersions)
    .innerJoin(commissionPlans, eq(commissionPlans.id, commissionPlanVersions.planId))
    .where(eq(commissionPlanVersions.planId, planId))
    .orderBy(desc(commissionPlanVersions.version))
    .limit(1);
  if (!version) throw new DomainError("NOT_FOUND", "The plan has no version", "planId");
  const name = "planId" in input.draft ? version.name : "Draft terms";
  return { planId, planName: name, versionId: version.id, version: version.version, terms: fromStoredTerms(version.terms), scope: "the plan under test" };
}

type Money = Map<string, Amounts>;

/**
 * Live commissions (neither rejected nor reversed) on the replayed conversions, per partner and currency, plus the
 * chosen partners' KPI commissions of the months judged (with `kpiVersion`, only those settled under it).
 */
async function measure(tx: Tx, originals: SQL, partnerIds: string[], kpiMonths: string[], kpiVersion: string | null): Promise<Money> {
  const live = sql`(select le.type from ledger_entries le where le.commission_id = c.id order by le.seq desc limit 1) not in ('rejection', 'reversal')`;
  const rows = rowsOf<{ partner_id: string; currency: string; amount: string }>(
    await tx.execute(sql`
      select c.partner_id, c.currency, sum(c.amount)::text as amount from commissions c
      where c.kind in ('event', 'override') and c.conversion_id in (${originals}) and ${live}
      group by c.partner_id, c.currency`),
  );
  if (kpiMonths.length > 0) {
    rows.push(
      ...rowsOf<{ partner_id: string; currency: string; amount: string }>(
        await tx.execute(sql`
          select c.partner_id, c.currency, sum(c.amount)::text as amount from commissions c join kpi_settlements k on k.id = c.kpi_settlement_id
          where c.kind = 'kpi' and c.partner_id in (${sql.join(partnerIds.map((p) => sql`${p}`), sql`, `)}) and k.period in (${sql.join(kpiMonths.map((m) => sql`${m}`), sql`, `)}) and ${live}
            ${kpiVersion ? sql`and k.plan_version_id = ${kpiVersion}` : sql``}
          group by c.partner_id, c.currency`),
      ),
    );
  }
  const out: Money = new Map();
  for (const r of rows) {
    const amounts = out.get(r.partner_id) ?? {};
    amounts[r.currency] = (amounts[r.currency] ?? 0) + Number(r.amount);
    out.set(r.partner_id, amounts);
  }
  return out;
}

async function table(tx: Tx, partnerIds: string[], actual: Money, projected: Money): Promise<Pick<WhatIfResult, "rows" | "totals">> {
  const ids = [...new Set([...partnerIds, ...actual.keys(), ...projected.keys()])];
  const names = new Map((await tx.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, ids))).map((p) => [p.id, p.name]));
  const chosen = new Set(partnerIds);
  const rows = ids
    .map((id) => ({ partnerId: id, name: names.get(id) ?? id, chosen: chosen.has(id), actual: actual.get(id) ?? {}, projected: projected.get(id) ?? {} }))
    .sort((a, b) => Number(b.chosen) - Number(a.chosen) || a.name.localeCompare(b.name));
  const sums = new Map<string, { actual: number; projected: number }>();
  for (const r of rows) {
    for (const [currency, v] of Object.entries(r.actual)) sums.set(currency, { actual: (sums.get(currency)?.actual ?? 0) + v, projected: sums.get(currency)?.projected ?? 0 });
    for (const [currency, v] of Object.entries(r.projected)) sums.set(currency, { actual: sums.get(currency)?.actual ?? 0, projected: (sums.get(currency)?.projected ?? 0) + v });
  }
  const totals = [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, s]) => ({ currency, ...s }));
  return { rows, totals };
}
