import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rowsOf } from "@/db/client";
import type { PlanBook } from "./plan-book";
import { qualify } from "./plans/qualify";
import type { EventContext, PlanTerms, QualificationRules } from "./plans/types";
import type { ResolvedPlan } from "./plan-book";
import { priceSharesIn, toEvent, type ConversionFacts } from "./quote";
import { REVERSING_EVENTS } from "@/server/shared/conversion-events";

/**
 * Accrual replayed in memory, for the attribution simulator: the same pricing body as `priceShares`
 * (`priceSharesIn`: plans resolved by the same book, `computeEventCommission`, the same split), fed
 * synchronously by a context that answers what `databaseContext` answers,
 * from the history before the period plus what this replay has accrued so far, in time order:
 * - tiers: the partner's commissioned conversions of the tier's event in the month up to this one;
 * - a recurring revshare: when the partner's first commission on the customer was earned;
 * - the offer's qualification rules: the customer's registration, and whether anyone earned a CPA on the offer
 *   for the customer with another conversion.
 * Refunds and chargebacks are applied as `reverseTransaction` applies them: a partial one prices the event again
 * on the amount left (same credits, only partners whose commission is live), others reverse the transaction.
 * Not replayed: multi-tier overrides, KPI settlements, NGR settlements, the team's rejections, and partners
 * refused since (the simulator credits who its models credit).
 */

const REVERSING = new Set<string>(REVERSING_EVENTS);
const monthKey = (d: Date) => `${d.getUTCFullYear()}-${d.getUTCMonth()}`;
const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));

export type ReplayFacts = ConversionFacts & { fraudRejected: boolean };
export type ReplayShare = { partnerId: string; amount: number; currency: string };
type Credit = { partnerId: string; credit: number };
type Volume = { n: number; amount: bigint };
/** What the context was for one partner when the event was first priced, without the event itself. */
type Snapshot = { others: Volume; first: Date | null | undefined; registeredAt: Date | null; earned: boolean };
type Written = ReplayShare & { live: boolean; cpa: boolean };
type Original = { facts: ReplayFacts; credits: Credit[]; shares: Written[]; snapshots: Map<string, Snapshot> };

/** The history before the period that pricing reads: loaded once, shared (read-only) by every model's replay. */
export type ReplayHistory = {
  volume: Map<string, Volume>;
  first: Map<string, Date>;
  registered: Map<string, Date>;
  cpa: Map<string, Set<string>>;
};

/** Whether any plan reads its context (tiers, a recurring revshare) or an offer's rules can stop a CPA. */
export function pricingNeedsHistory(book: PlanBook, offers: ReadonlyMap<string, { rules: QualificationRules }>): boolean {
  const rules = [...offers.values()].some((o) => o.rules.minDeposit != null || o.rules.withinDaysOfRegistration != null || o.rules.oncePerCustomer);
  return book.someTerms((t: PlanTerms) => !!t.components.tiers || !!t.components.revshare?.recurringMonths || (rules && !!t.components.cpa));
}

/** One statement per kind of history, for the customers the period's conversions name. */
export async function loadReplayHistory(db: DbOrTx, programId: string, from: Date, to: Date): Promise<ReplayHistory> {
  const f = from.toISOString();
  const customers = sql`select distinct customer_id from conversions where program_id = ${programId} and occurred_at >= ${f}::timestamptz and occurred_at < ${to.toISOString()}::timestamptz and customer_id is not null`;
  const [volume, first, registered, cpa] = await Promise.all([
    db.execute(sql`
      select c.partner_id, v.event, count(distinct v.id)::int as n, coalesce(sum(v.amount), 0)::text as amount from commissions c join conversions v on v.id = c.conversion_id
      where c.kind = 'event' and v.program_id = ${programId} and v.occurred_at >= ${monthStart(from).toISOString()}::timestamptz and v.occurred_at < ${f}::timestamptz
      group by c.partner_id, v.event`),
    db.execute(sql`
      select c.partner_id, v.customer_id, min(v.occurred_at)::text as first from commissions c join conversions v on v.id = c.conversion_id
      where c.kind = 'event' and v.program_id = ${programId} and v.occurred_at < ${f}::timestamptz and v.customer_id in (${customers})
      group by c.partner_id, v.customer_id`),
    db.execute(sql`
      select customer_id, min(occurred_at)::text as at from conversions
      where program_id = ${programId} and event = 'registration' and occurred_at < ${f}::timestamptz and customer_id in (${customers}) group by customer_id`),
    db.execute(sql`
      select distinct v.offer_id, v.customer_id, v.id from commissions c join conversions v on v.id = c.conversion_id
      where c.kind = 'event' and v.program_id = ${programId} and v.occurred_at < ${f}::timestamptz and v.customer_id in (${customers})
        and c.lines @> '[{"component":"cpa"}]'::jsonb`),
  ]);
  const h: ReplayHistory = { volume: new Map(), first: new Map(), registered: new Map(), cpa: new Map() };
  const month = monthKey(from);
  for (const r of rowsOf<{ partner_id: string; event: string; n: number; amount: string }>(volume)) h.volume.set(`${r.partner_id}|${r.event}|${month}`, { n: r.n, amount: BigInt(r.amount) });
  for (const r of rowsOf<{ partner_id: string; customer_id: string; first: string }>(first)) h.first.set(`${r.partner_id}|${r.customer_id}`, new Date(r.first));
  for (const r of rowsOf<{ customer_id: string; at: string }>(registered)) h.registered.set(r.customer_id, new Date(r.at));
  for (const r of rowsOf<{ offer_id: string; customer_id: string; id: string }>(cpa)) {
    const key = `${r.offer_id}|${r.customer_id}`;
    h.cpa.set(key, (h.cpa.get(key) ?? new Set()).add(r.id));
  }
  return h;
}

export const emptyHistory = (): ReplayHistory => ({ volume: new Map(), first: new Map(), registered: new Map(), cpa: new Map() });

/** One model's replay: conversions in time order go through `accrue` or `reverse`; registrations through `see` too. */
export class ReplayPricing {
  private readonly volume = new Map<string, Volume>();
  private readonly first = new Map<string, Date>();
  private readonly registered = new Map<string, Date>();
  private readonly cpa = new Map<string, Set<string>>();
  private readonly txns = new Map<string, Original[]>();
  private readonly applied = new Map<string, { amount: number | null; currency: string | null }[]>();

  constructor(
    private readonly book: PlanBook,
    private readonly offers: ReadonlyMap<string, { rules: QualificationRules; currency: string }>,
    private readonly history: ReplayHistory,
    /** Transactions (offer|txn) that a refund in the period names: only their events are kept for it. */
    private readonly refunded: ReadonlySet<string>,
  ) {}

  private vol(key: string): Volume {
    return this.volume.get(key) ?? this.history.volume.get(key) ?? { n: 0, amount: 0n };
  }
  private firstOf(key: string): Date | undefined {
    return this.first.get(key) ?? this.history.first.get(key);
  }
  private earnedElsewhere(offerId: string, customerId: string, conversionId: string): boolean {
    for (const ids of [this.cpa.get(`${offerId}|${customerId}`), this.history.cpa.get(`${offerId}|${customerId}`)]) {
      if (ids) for (const id of ids) if (id !== conversionId) return true;
    }
    return false;
  }

  /** Every conversion passes here first: a registration dates its customer for the qualification rules. */
  see(facts: ReplayFacts) {
    if (facts.event !== "registration" || !facts.customerId) return;
    const known = this.registered.get(facts.customerId) ?? this.history.registered.get(facts.customerId);
    if (!known || facts.occurredAt < known) this.registered.set(facts.customerId, facts.occurredAt);
  }

  /** What `databaseContext` reads, from memory; `snapshots` keeps each partner's (for a later partial refund). */
  private context(facts: ReplayFacts, snapshots: Map<string, Snapshot>, replay?: Map<string, Snapshot>): (plan: ResolvedPlan, partnerId: string) => EventContext {
    return (plan, partnerId) => {
      const c = plan.terms.components;
      const ctx: EventContext = { periodVolume: { ftdCount: 0, eventCount: 0, amountSum: 0n } };
      const snap: Snapshot = replay?.get(partnerId) ?? {
        others: c.tiers ? this.vol(`${partnerId}|${c.tiers.event}|${monthKey(facts.occurredAt)}`) : { n: 0, amount: 0n },
        first: facts.customerId ? (this.firstOf(`${partnerId}|${facts.customerId}`) ?? null) : undefined,
        registeredAt: facts.customerId ? (this.registered.get(facts.customerId) ?? this.history.registered.get(facts.customerId) ?? null) : null,
        earned: facts.customerId ? this.earnedElsewhere(facts.offerId, facts.customerId, facts.id) : false,
      };
      snapshots.set(partnerId, snap);
      if (c.tiers) {
        const self = facts.event === c.tiers.event ? 1 : 0;
        const n = snap.others.n + self;
        ctx.periodVolume = { ftdCount: n, eventCount: n, amountSum: snap.others.amount + (self ? BigInt(facts.amount ?? 0) : 0n) };
      }
      if (c.revshare?.recurringMonths && facts.customerId) ctx.customerFirstCommissionAt = snap.first ?? null;
      const offer = this.offers.get(facts.offerId);
      const rules = offer?.rules ?? {};
      const hasRules = rules.minDeposit != null || rules.withinDaysOfRegistration != null || rules.oncePerCustomer;
      if (c.cpa && c.cpa.event === facts.event && hasRules && offer) {
        ctx.qualification = qualify(rules, toEvent(facts, offer.currency), { currency: offer.currency, registeredAt: snap.registeredAt, alreadyEarnedCpa: snap.earned });
      }
      return ctx;
    };
  }

  /** Records a written commission as accrual's queries will then find it. */
  private record(facts: ReplayFacts, share: Written, again: boolean) {
    const key = `${share.partnerId}|${facts.event}|${monthKey(facts.occurredAt)}`;
    const v = this.vol(key);
    // the tier query counts conversions once but sums the amount of every commission row (a re-priced one twice)
    this.volume.set(key, { n: v.n + (again ? 0 : 1), amount: v.amount + BigInt(facts.amount ?? 0) });
    if (facts.customerId) {
      const fk = `${share.partnerId}|${facts.customerId}`;
      if (!this.firstOf(fk)) this.first.set(fk, facts.occurredAt);
      if (share.cpa) {
        const ck = `${facts.offerId}|${facts.customerId}`;
        this.cpa.set(ck, (this.cpa.get(ck) ?? new Set()).add(facts.id));
      }
    }
  }

  /** An event as accrual prices it for these credits: the shares written (zero shares and rejections write nothing). */
  accrue(facts: ReplayFacts, credits: readonly Credit[]): ReplayShare[] {
    if (facts.fraudRejected || REVERSING.has(facts.event)) return [];
    const snapshots = new Map<string, Snapshot>();
    const { shares } = priceSharesIn(this.book, this.context(facts, snapshots), facts, credits);
    const written: Written[] = shares.map((s) => ({ partnerId: s.partnerId, amount: s.amount, currency: s.plan!.terms.currency, live: true, cpa: s.lines.some((l) => l.component === "cpa") }));
    for (const w of written) this.record(facts, w, false);
    const key = `${facts.offerId}|${facts.txnId}`;
    if (this.refunded.has(key)) {
      const list = this.txns.get(key) ?? [];
      list.push({ facts, credits: [...credits], shares: written, snapshots });
      this.txns.set(key, list);
    }
    return written.map(({ partnerId, amount, currency }) => ({ partnerId, amount, currency }));
  }

  /** A refund or chargeback: the change to each partner's money (negative for what it reverses). */
  reverse(refund: ReplayFacts): ReplayShare[] {
    const key = `${refund.offerId}|${refund.txnId}`;
    const originals = this.txns.get(key) ?? [];
    const earlier = this.applied.get(key) ?? [];
    this.applied.set(key, [...earlier, { amount: refund.amount, currency: refund.currency }]);
    const only = originals.length === 1 ? originals[0]! : null;
    const left = only ? amountLeft(refund, only.facts, earlier) : null;
    const out: ReplayShare[] = [];
    if (only && left !== null && left > 0) {
      const live = only.shares.filter((s) => s.live);
      if (live.length === 0) return out;
      for (const s of live) {
        s.live = false;
        out.push({ partnerId: s.partnerId, amount: -s.amount, currency: s.currency });
      }
      const facts = { ...only.facts, amount: left };
      const { shares } = priceSharesIn(this.book, this.context(facts, new Map(), only.snapshots), facts, only.credits);
      const partners = new Set(live.map((s) => s.partnerId));
      for (const s of shares.filter((x) => partners.has(x.partnerId))) {
        const w: Written = { partnerId: s.partnerId, amount: s.amount, currency: s.plan!.terms.currency, live: true, cpa: s.lines.some((l) => l.component === "cpa") };
        this.record(only.facts, w, true);
        only.shares.push(w);
        out.push({ partnerId: w.partnerId, amount: w.amount, currency: w.currency });
      }
      return out;
    }
    for (const s of originals.flatMap((o) => o.shares.filter((x) => x.live))) {
      s.live = false;
      out.push({ partnerId: s.partnerId, amount: -s.amount, currency: s.currency });
    }
    return out;
  }
}

/** As refund.ts's amountLeft: null when the refund cannot be a partial one. */
function amountLeft(refund: ReplayFacts, original: ReplayFacts, earlier: { amount: number | null; currency: string | null }[]): number | null {
  if (refund.amount === null || original.amount === null || original.amount <= 0 || refund.currency !== original.currency) return null;
  let left = original.amount - refund.amount;
  for (const e of earlier) {
    if (e.amount === null || e.currency !== original.currency) return null;
    left -= e.amount;
  }
  return left;
}
