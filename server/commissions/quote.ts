import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rowsOf } from "@/db/client";
import type { StoredCommissionLine } from "@/db/schema";
import { splitAmount } from "@/server/money/split";
import type { PlanBook, ResolvedPlan } from "./plan-book";
import { computeEventCommission } from "./plans/compute";
import { formatMoney } from "./plans/format";
import { qualify } from "./plans/qualify";
import type { CommissionEvent, EventContext, QualificationRules } from "./plans/types";

/** The facts of a conversion that pricing reads. */
export type ConversionFacts = {
  id: string;
  programId: string;
  offerId: string;
  event: string;
  txnId: string;
  amount: number | null;
  currency: string | null;
  occurredAt: Date;
  customerId: string | null;
  params: Record<string, string>;
};

export const toEvent = (f: ConversionFacts, planCurrency: string): CommissionEvent => ({
  type: f.event,
  amount: f.amount === null ? null : BigInt(f.amount),
  // an event reported without an amount is in no particular currency: take the plan's so a CPA can pay
  currency: f.currency ?? planCurrency,
  lots: f.params.lots ?? null,
  instrument: f.params.instrument ?? null,
  occurredAt: f.occurredAt,
  customerId: f.customerId,
});

/** What one partner's plan pays for the whole event, before the attribution split. */
export type PlanQuote = { partnerId: string; plan: ResolvedPlan | null; total: bigint; lines: StoredCommissionLine[]; notes: string[]; reason: string | null };

/** What one partner earns: their plan's total for the event, times their credit, to the cent. */
export type PricedShare = PlanQuote & { credit: number; amount: number };

const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));

/** How the context an event is priced in is found: from the database (accrual), or kept in memory (the simulator). */
export type ContextSource = (plan: ResolvedPlan, partnerId: string, facts: ConversionFacts) => Promise<EventContext>;

/** One partner's pricing of one event that needs its context from the database. */
export type ContextRequest = { plan: ResolvedPlan; partnerId: string; facts: ConversionFacts; rules: QualificationRules; offerCurrency: string };

/**
 * The context from the database, as accrual needs it, for many (partner, event) pairs with one statement per kind
 * of read. Each read runs only for the pairs whose plan has the component that reads it:
 * - tiers: the partner's volume in the calendar month (UTC) of the event, counting conversions of the tier's
 *   event already credited to them (any share) and this one;
 * - a recurring revshare: when the partner's first commission on this customer was earned;
 * - the offer's qualification rules, for a CPA on this event: the customer's registration, and whether the
 *   customer already earned a CPA on the offer for anyone.
 * The pairs must not read each other's commissions (accrual asks for a set of conversions with no partner,
 * customer or transaction in common); the result is each pair's context, in order.
 */
export async function readContexts(db: DbOrTx, requests: readonly ContextRequest[]): Promise<EventContext[]> {
  const out: EventContext[] = requests.map(() => ({ periodVolume: { ftdCount: 0, eventCount: 0, amountSum: 0n } }));
  const tiers: { n: number; partner_id: string; program_id: string; event: string; id: string; from: string; to: string }[] = [];
  const recurring: { n: number; partner_id: string; program_id: string; customer_id: string; id: string }[] = [];
  const qualifying: { n: number; program_id: string; offer_id: string; customer_id: string; id: string }[] = [];
  const qualifyOf = new Map<number, ContextRequest>();
  for (const [n, r] of requests.entries()) {
    const c = r.plan.terms.components;
    const f = r.facts;
    if (c.tiers) tiers.push({ n, partner_id: r.partnerId, program_id: f.programId, event: c.tiers.event, id: f.id, from: monthStart(f.occurredAt).toISOString(), to: f.occurredAt.toISOString() });
    if (c.revshare?.recurringMonths && f.customerId) recurring.push({ n, partner_id: r.partnerId, program_id: f.programId, customer_id: f.customerId, id: f.id });
    const hasRules = r.rules.minDeposit != null || r.rules.withinDaysOfRegistration != null || r.rules.oncePerCustomer;
    if (c.cpa && c.cpa.event === f.event && hasRules) {
      qualifyOf.set(n, r);
      if (f.customerId) qualifying.push({ n, program_id: f.programId, offer_id: f.offerId, customer_id: f.customerId, id: f.id });
    }
  }
  const [volumes, firsts, customers] = await Promise.all([
    tiers.length === 0
      ? []
      : rowsOf<{ n: number; volume: number; amount: string }>(
          await db.execute(sql`
            select x.n, t.volume, t.amount from jsonb_to_recordset(${JSON.stringify(tiers)}::jsonb) as x(n int, partner_id text, program_id text, event text, id text, "from" timestamptz, "to" timestamptz)
            cross join lateral (
              -- the commission's copies of its conversion's time, program, event and amount: the month is counted
              -- from commissions_partner_occurred_idx alone, however much the partner earned before it
              select count(distinct c.conversion_id)::int as volume, coalesce(sum(c.conversion_amount), 0)::text as amount
              from commissions c
              where c.partner_id = x.partner_id and c.occurred_at >= x."from" and c.occurred_at <= x."to"
                and c.kind = 'event' and c.conversion_program_id = x.program_id and c.conversion_event = x.event and c.conversion_id <> x.id
            ) t`),
        ),
    recurring.length === 0
      ? []
      : rowsOf<{ n: number; first: string | null }>(
          await db.execute(sql`
            select x.n, (select min(v.occurred_at)::text from commissions c join conversions v on v.id = c.conversion_id
              where c.partner_id = x.partner_id and c.kind = 'event' and v.program_id = x.program_id and v.customer_id = x.customer_id and v.id <> x.id) as first
            from jsonb_to_recordset(${JSON.stringify(recurring)}::jsonb) as x(n int, partner_id text, program_id text, customer_id text, id text)`),
        ),
    qualifying.length === 0
      ? []
      : rowsOf<{ n: number; registered: string | null; earned: boolean }>(
          await db.execute(sql`
            select x.n,
              (select min(occurred_at)::text from conversions where program_id = x.program_id and customer_id = x.customer_id and event = 'registration') as registered,
              exists (select 1 from commissions c join conversions v on v.id = c.conversion_id
                      where v.offer_id = x.offer_id and v.customer_id = x.customer_id and v.id <> x.id
                        and c.kind = 'event' and c.lines @> '[{"component":"cpa"}]'::jsonb) as earned
            from jsonb_to_recordset(${JSON.stringify(qualifying)}::jsonb) as x(n int, program_id text, offer_id text, customer_id text, id text)`),
        ),
  ]);
  for (const row of volumes) {
    const r = requests[Number(row.n)]!;
    const self = r.facts.event === r.plan.terms.components.tiers!.event ? 1 : 0;
    const n = Number(row.volume ?? 0) + self;
    out[Number(row.n)]!.periodVolume = { ftdCount: n, eventCount: n, amountSum: BigInt(row.amount ?? "0") + (self ? BigInt(r.facts.amount ?? 0) : 0n) };
  }
  for (const row of firsts) out[Number(row.n)]!.customerFirstCommissionAt = row.first ? new Date(row.first) : null;
  const found = new Map(customers.map((c) => [Number(c.n), c]));
  for (const [n, r] of qualifyOf) {
    const row = found.get(n);
    const registeredAt = row?.registered ? new Date(row.registered) : null;
    out[n]!.qualification = qualify(r.rules, toEvent(r.facts, r.offerCurrency), { currency: r.offerCurrency, registeredAt, alreadyEarnedCpa: row?.earned ?? false });
  }
  return out;
}

/** The context of one (partner, event) pair from the database, as accrual needs it (readContexts). */
export function databaseContext(db: DbOrTx, rules: QualificationRules, offerCurrency: string): ContextSource {
  return async (plan, partnerId, facts) => (await readContexts(db, [{ plan, partnerId, facts, rules, offerCurrency }]))[0]!;
}

/** The partner's plan applied to the whole event, in the context found for it. */
function quoteWith(plan: ResolvedPlan | null, partnerId: string, facts: ConversionFacts, ctx: EventContext | undefined): PlanQuote {
  if (!plan || !ctx) return { partnerId, plan: null, total: 0n, lines: [], notes: [], reason: "no commission plan applies to this partner on this offer" };
  const result = computeEventCommission(plan.terms, toEvent(facts, plan.terms.currency), ctx);
  if (!("lines" in result)) return { partnerId, plan, total: 0n, lines: [], notes: [], reason: result.reason };
  return { partnerId, plan, total: result.total, lines: result.lines.map((l) => ({ component: l.component, basis: l.basis, amount: Number(l.amount) })), notes: result.notes, reason: null };
}

/** The partner's plan applied to the whole event. */
export async function quotePlan(book: PlanBook, context: ContextSource, partnerId: string, facts: ConversionFacts): Promise<PlanQuote> {
  const plan = book.resolve(partnerId, facts.offerId, facts.occurredAt);
  return quoteWith(plan, partnerId, facts, plan ? await context(plan, partnerId, facts) : undefined);
}

/**
 * Each credited partner's share: their own plan's total for the event, split by the attribution credits with
 * largest-remainder rounding as if the whole conversion paid that total. Partners on the same plan therefore
 * get amounts that add up exactly to it, and a sole partner gets the total. Zero shares are left out.
 */
export async function priceShares(book: PlanBook, context: ContextSource, facts: ConversionFacts, credits: readonly { partnerId: string; credit: number }[]): Promise<{ shares: PricedShare[]; quotes: PlanQuote[] }> {
  const contexts = new Map<string, EventContext>();
  for (const c of credits) {
    const plan = book.resolve(c.partnerId, facts.offerId, facts.occurredAt);
    if (plan) contexts.set(c.partnerId, await context(plan, c.partnerId, facts));
  }
  return priceSharesIn(book, (_plan, partnerId) => contexts.get(partnerId), facts, credits);
}

/**
 * The same, with each partner's context found synchronously (the simulator's replay keeps it in memory): the one
 * pricing body that accrual (through `priceShares`) and the replay both run.
 */
export function priceSharesIn(book: PlanBook, contextOf: (plan: ResolvedPlan, partnerId: string) => EventContext | undefined, facts: ConversionFacts, credits: readonly { partnerId: string; credit: number }[]): { shares: PricedShare[]; quotes: PlanQuote[] } {
  const quotes: PlanQuote[] = [];
  for (const c of credits) {
    const plan = book.resolve(c.partnerId, facts.offerId, facts.occurredAt);
    quotes.push(quoteWith(plan, c.partnerId, facts, plan ? contextOf(plan, c.partnerId) : undefined));
  }
  const splits = new Map<bigint, Map<string, bigint>>();
  const shareOf = (total: bigint, partnerId: string) => {
    let split = splits.get(total);
    if (!split) splits.set(total, (split = new Map(splitAmount(total, credits).map((s) => [s.partnerId, s.amount]))));
    return split.get(partnerId) ?? 0n;
  };
  const shares: PricedShare[] = [];
  for (const [i, q] of quotes.entries()) {
    const credit = credits[i]!.credit;
    if (q.total === 0n || !q.plan) continue;
    const amount = shareOf(q.total, q.partnerId);
    if (amount === 0n) continue;
    const lines = credits.length > 1 ? [...q.lines, { component: "credit", basis: `${(credit * 100).toFixed(1)}% attribution credit of ${formatMoney(q.total, q.plan.terms.currency)} = ${formatMoney(amount, q.plan.terms.currency)}`, amount: Number(amount) }] : q.lines;
    shares.push({ ...q, lines, credit, amount: Number(amount) });
  }
  return { shares, quotes };
}

/** Why an event earned nothing or less than its plan's full terms, as shown to partners; null when there is nothing to say. */
export function noteOf(quotes: PlanQuote[], shares: PricedShare[]): string | null {
  const texts = shares.length === 0 ? quotes.map((q) => q.reason ?? (q.total !== 0n ? "every partner's share rounds to zero" : null)) : quotes.flatMap((q) => q.notes);
  const unique = [...new Set(texts.filter((t): t is string => !!t))];
  return unique.length === 0 ? null : unique.join("; ");
}

/**
 * The simulator's fast pricing: each partner's plan in force at the conversion applied to the event alone,
 * memoised per plan version and event facts (a flat CPA is priced once per run). The simulator uses it only when
 * that is exactly what accrual pays: no plan reads history (tiers, a recurring revshare), no offer rule can stop
 * a CPA, and the period has no refunds or fraud rejections; otherwise it replays accrual (replay-pricing.ts).
 */
export function simulationPricer(book: PlanBook, from: Date) {
  type Quote = { total: number; currency: string } | null;
  // Nested maps rather than a key string per call: the simulator prices every credited partner of every conversion.
  const memo = new Map<string, Map<string, Quote>>();
  let memoSize = 0;
  // when no plan changes during the period, a partner's plan on an offer is looked up once
  const fixed = book.unchangedSince(from) ? new Map<string, Map<string, ResolvedPlan | null>>() : null;
  const resolve = (partnerId: string, offerId: string, at: Date) => {
    if (!fixed) return book.resolve(partnerId, offerId, at);
    let byPartner = fixed.get(offerId);
    if (!byPartner) fixed.set(offerId, (byPartner = new Map()));
    let plan = byPartner.get(partnerId);
    if (plan === undefined) byPartner.set(partnerId, (plan = book.resolve(partnerId, offerId, at)));
    return plan;
  };
  const byFacts = book.pricesByEventFacts();
  return (partnerId: string, offerId: string, at: Date, f: { event: string; amount: number | null; currency: string | null; params: Record<string, string> }) => {
    const plan = resolve(partnerId, offerId, at);
    if (!plan) return null;
    let forVersion = memo.get(plan.versionId);
    if (!forVersion) memo.set(plan.versionId, (forVersion = new Map()));
    // flat CPAs depend on the event type alone (and refuse an amount reported in another currency)
    const key = byFacts ? `${f.event}|${f.amount}|${f.currency}|${f.params.lots ?? ""}|${f.params.instrument ?? ""}` : `${f.event}|${f.currency}`;
    let q = forVersion.get(key);
    if (q === undefined) {
      const event = toEvent({ id: "", programId: "", offerId, event: f.event, txnId: "", amount: f.amount, currency: f.currency, occurredAt: at, customerId: null, params: f.params }, plan.terms.currency);
      const result = computeEventCommission(plan.terms, event, { periodVolume: { ftdCount: 1, eventCount: 1, amountSum: event.amount ?? 0n } });
      q = result.total === 0n ? null : { total: Number(result.total), currency: plan.terms.currency };
      if (++memoSize >= 100_000) {
        memo.clear();
        memoSize = 0;
        memo.set(plan.versionId, (forVersion = new Map()));
      }
      forVersion.set(key, q);
    }
    return q;
  };
}
