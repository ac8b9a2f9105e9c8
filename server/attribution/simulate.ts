import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/client";
import { conversions as conversionsTable, offers as offersTable, partners, type StoredModel } from "@/db/schema";
import { PlanBook } from "@/server/commissions/plan-book";
import { fromStoredRules } from "@/server/commissions/plans/stored";
import { simulationPricer } from "@/server/commissions/quote";
import { emptyHistory, loadReplayHistory, pricingNeedsHistory, ReplayPricing, type ReplayFacts } from "@/server/commissions/replay-pricing";
import { findEvidence, toModelConfig } from "./decide";
import { latestFits, loadInputs, type LoadedInput } from "./load-inputs";
import { countedTouchpoints, creditsOfCounted } from "./models";
import type { RangeInput } from "./range";
import { storedModelInput } from "./schemas";
import { splitAmountFast } from "./split-fast";
import { DAY_MS } from "@/server/time/days";

/** One partner under one model: conversions credited (any share), the sum of credits, and the money per currency. */
export type ModelTally = { conversions: number; credit: number; amounts: Record<string, number> };
export type SimulationPartner = { partnerId: string; name: string; byModel: ModelTally[] };
export type SimulationResult = {
  models: StoredModel[];
  conversions: number;
  /** Every currency the amounts are in (never converted into each other). */
  currencies: string[];
  /** Per model: conversions credited to nobody. */
  unattributed: number[];
  partners: SimulationPartner[];
  dataDriven: { fitId: string | null };
  tookMs: number;
};


/**
 * splitAmount depends only on the total and the credits in partner-id order (ties go to the lower id,
 * i.e. the earlier rank), so a split can be reused by rank for any partners with the same credits: linear
 * and position-based journeys repeat a few patterns thousands of times. (Their credits are also the ones
 * splitAmountFast most often hands to splitAmount: whole-number quotas and exact ties.)
 */
type SplitTrie = Map<number, SplitTrie | number[]>;
const splitTrie: SplitTrie = new Map();
let splitTrieSize = 0;
function splitByRank(total: number, credits: readonly { partnerId: string; credit: number }[]): number[] {
  // Keyed by the numbers themselves (the count, the total, then each credit), level by level: no key string
  // to build from floats on every call. The count first, so every path of one count has the same depth.
  const key = (d: number) => (d === 0 ? credits.length : d === 1 ? total : credits[d - 2]!.credit);
  const last = credits.length + 1;
  let node = splitTrie;
  for (let d = 0; d < last; d++) {
    const k = key(d);
    let child = node.get(k) as SplitTrie | undefined;
    if (!child) node.set(k, (child = new Map()));
    node = child;
  }
  let amounts = node.get(key(last)) as number[] | undefined;
  if (!amounts) {
    amounts = splitAmountFast(total, credits.map((c, k) => ({ partnerId: String(k).padStart(4, "0"), credit: c.credit })));
    node.set(key(last), amounts);
    if (++splitTrieSize >= 100_000) {
      splitTrie.clear();
      splitTrieSize = 0;
    }
  }
  return amounts;
}
/** The period is read in slices of this many days, the next slice loading while this one is weighed. */
const SLICE_DAYS = 3;

/**
 * "What if": the same conversions of a period decided under several models side by side, per partner,
 * without writing anything. Each conversion's evidence (the journey, or a binding or coupon) is found
 * once, then every model weighs it; the money is split exactly as an accrual would split it.
 *
 * Priced as accrual prices: when a plan reads history (tiers, a recurring revshare) or an offer's qualification
 * rules can stop a CPA, or the period has refunds or fraud rejections, every model replays accrual in memory
 * (ReplayPricing: the same priceShares, the history before the period, refunds applied as accrual applies
 * them). Otherwise a conversion's price depends on its plan and facts alone, and is memoised (simulationPricer).
 */
export async function simulate(db: Db, input: RangeInput & { models: StoredModel[]; onProgress?: (done: number) => Promise<void> }): Promise<SimulationResult> {
  const started = performance.now();
  const period = sql`program_id = ${input.programId} and occurred_at >= ${input.from.toISOString()}::timestamptz and occurred_at < ${input.to.toISOString()}::timestamptz`;
  // the plans, the offers' rules, and whether the period has refunds or fraud rejections: side by side
  const [book, offerRows, refundRows, rejectedRows] = await Promise.all([
    PlanBook.load(db, input.programId),
    db.select({ id: offersTable.id, currency: offersTable.currency, qualification: offersTable.qualification }).from(offersTable).where(eq(offersTable.programId, input.programId)),
    db.execute(sql`select distinct offer_id, txn_id from conversions where ${period} and event in ('refund', 'chargeback')`),
    db.execute(sql`select exists (select 1 from conversions where ${period} and fraud_status = 'rejected') as any`),
  ]);
  const price = simulationPricer(book, input.from);
  const offerTerms = new Map(offerRows.map((o) => [o.id, { currency: o.currency, rules: fromStoredRules(o.qualification) }]));
  const refunded = new Set(rowsOf<{ offer_id: string; txn_id: string }>(refundRows).map((r) => `${r.offer_id}|${r.txn_id}`));
  const withHistory = pricingNeedsHistory(book, offerTerms);
  const exact = withHistory || refunded.size > 0 || rowsOf<{ any: boolean }>(rejectedRows)[0]?.any === true;
  const replays = exact ? await (async () => {
    const history = withHistory ? await loadReplayHistory(db, input.programId, input.from, input.to) : emptyHistory();
    return input.models.map(() => new ReplayPricing(book, offerTerms, history, refunded));
  })() : null;
  // Flat CPA plans need only the event type; amounts, lots and instruments are read only for plans that use them.
  const needsFacts = exact || book.pricesByEventFacts();
  type Facts = { amount: number | null; currency: string | null; params: Record<string, string>; txnId?: string; fraudStatus?: string };
  const facts = new Map<string, Facts>();
  const currencies = new Set<string>();
  const fit = input.models.some((m) => m.model === "data_driven") ? ((await latestFits(db, [input.programId])).get(input.programId) ?? null) : null;
  // Linear and position-based credits come from a few fractions, so their splits repeat; time decay's
  // and data-driven's are continuous, and a cache key would cost more than the split.
  const reusable = input.models.map((m) => m.model === "linear" || m.model === "position_based");
  // Checked once here: every conversion is then weighed without re-checking the parameters.
  const configs = input.models.map((m) => toModelConfig(storedModelInput.parse(m), fit?.weights ?? null));
  const tallies = new Map<string, ModelTally[]>();
  const unattributed = input.models.map(() => 0);
  let conversions = 0;
  const add = (partnerId: string, m: number, credit: number, amount: number, currency: string | null, counted = true) => {
    let t = tallies.get(partnerId);
    if (!t) tallies.set(partnerId, (t = input.models.map(() => ({ conversions: 0, credit: 0, amounts: {} as Record<string, number> }))));
    const tally = t[m]!;
    if (counted) tally.conversions++;
    tally.credit += credit;
    if (currency) {
      tally.amounts[currency] = (tally.amounts[currency] ?? 0) + amount;
      currencies.add(currency);
    }
  };

  const slices: { from: Date; to: Date }[] = [];
  for (let at = input.from.getTime(); at < input.to.getTime(); at += SLICE_DAYS * DAY_MS) {
    slices.push({ from: new Date(at), to: new Date(Math.min(at + SLICE_DAYS * DAY_MS, input.to.getTime())) });
  }
  const load = async (i: number) => {
    const slice = slices[i];
    if (!slice) return [];
    const [inputs, rows] = await Promise.all([
      loadInputs(db, { programId: input.programId, offerId: input.offerId, ...slice }, { lean: true }),
      needsFacts
        ? db
            .select({ id: conversionsTable.id, amount: conversionsTable.amount, currency: conversionsTable.currency, params: conversionsTable.params, ...(exact ? { txnId: conversionsTable.txnId, fraudStatus: conversionsTable.fraudStatus } : {}) })
            .from(conversionsTable)
            .where(and(eq(conversionsTable.programId, input.programId), gte(conversionsTable.occurredAt, slice.from), lt(conversionsTable.occurredAt, slice.to)))
        : [],
    ]);
    for (const r of rows) facts.set(r.id, r);
    // the replay prices in time order, as accrual did (a month's tiers count the conversions before)
    if (replays) inputs.sort((x, y) => x.occurredAt.getTime() - y.occurredAt.getTime() || (x.conversionId < y.conversionId ? -1 : x.conversionId > y.conversionId ? 1 : 0));
    return inputs;
  };
  const noFacts: Facts = { amount: null, currency: null, params: {} };
  const quotes = new Map<string, { total: number; currency: string } | null>();
  // Two slices load ahead while one is weighed: the database and the CPU work side by side.
  const pending = [load(0), load(1)];
  for (let i = 0; i < slices.length; i++) {
    const inputs = await pending.shift()!;
    pending.push(load(i + 2));
    for (const base of inputs) {
      conversions++;
      const evidence = findEvidence(base, []);
      const f = facts.get(base.conversionId) ?? noFacts;
      facts.delete(base.conversionId);
      if (replays) {
        replayOne(replays, base, f, evidence);
        continue;
      }
      // what a partner's plan pays for the whole event, before the split; memoised per conversion (the models
      // credit the same partners) and, inside the pricer, per plan version and event facts
      quotes.clear();
      const quoteOf = (partnerId: string) => {
        let q = quotes.get(partnerId);
        if (q === undefined) quotes.set(partnerId, (q = price(partnerId, base.offerId, base.occurredAt, { event: base.event, ...f })));
        return q;
      };
      if (!evidence) {
        for (let m = 0; m < configs.length; m++) unattributed[m]!++;
        continue;
      }
      if (evidence.source !== "click") {
        const q = quoteOf(evidence.partnerId);
        for (let m = 0; m < configs.length; m++) add(evidence.partnerId, m, 1, q?.total ?? 0, q?.currency ?? null);
        continue;
      }
      const counted = countedTouchpoints(evidence.touches, base.occurredAt);
      for (let m = 0; m < configs.length; m++) {
        const { credits } = creditsOfCounted(counted, configs[m]!);
        if (credits.length === 1) {
          const q = quoteOf(credits[0]!.partnerId);
          add(credits[0]!.partnerId, m, 1, q?.total ?? 0, q?.currency ?? null);
          continue;
        }
        // each partner's share of their own plan's total, split as if the whole conversion paid that total
        let lastTotal = -1;
        let amounts: number[] | null = null;
        for (let k = 0; k < credits.length; k++) {
          const q = quoteOf(credits[k]!.partnerId);
          const total = q?.total ?? 0;
          if (total !== lastTotal) {
            amounts = total === 0 ? null : reusable[m] ? splitByRank(total, credits) : splitAmountFast(total, credits);
            lastTotal = total;
          }
          add(credits[k]!.partnerId, m, credits[k]!.credit, amounts?.[k] ?? 0, q?.currency ?? null);
        }
      }
    }
    await input.onProgress?.(conversions);
  }

  /** A conversion through every model's accrual replay: its credits per model, then what accrual would write. */
  function replayOne(replays: ReplayPricing[], base: LoadedInput, f: Facts, evidence: ReturnType<typeof findEvidence>) {
    const rf: ReplayFacts = { id: base.conversionId, programId: input.programId, offerId: base.offerId, event: base.event, txnId: f.txnId ?? "", amount: f.amount, currency: f.currency, occurredAt: base.occurredAt, customerId: base.customerId, params: f.params, fraudRejected: f.fraudStatus === "rejected" };
    for (let m = 0; m < replays.length; m++) {
      replays[m]!.see(rf);
      if (rf.event === "refund" || rf.event === "chargeback") for (const d of replays[m]!.reverse(rf)) add(d.partnerId, m, 0, d.amount, d.currency, false);
    }
    if (!evidence) {
      for (let m = 0; m < replays.length; m++) unattributed[m]!++;
      return;
    }
    const counted = evidence.source === "click" ? countedTouchpoints(evidence.touches, base.occurredAt) : null;
    for (let m = 0; m < replays.length; m++) {
      const credits = counted ? creditsOfCounted(counted, configs[m]!).credits : evidence.source === "click" ? [] : [{ partnerId: evidence.partnerId, credit: 1 }];
      const shares = replays[m]!.accrue(rf, credits);
      for (const c of credits) {
        const s = shares.find((x) => x.partnerId === c.partnerId);
        add(c.partnerId, m, c.credit, s?.amount ?? 0, s?.currency ?? null);
      }
    }
  }

  const ids = [...tallies.keys()];
  const names = ids.length > 0 ? await db.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, ids)) : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const first = (t: ModelTally[]) => Object.values(t[0]?.amounts ?? {}).reduce((a, b) => a + b, 0);
  return {
    models: input.models,
    conversions,
    currencies: [...currencies].sort(),
    unattributed,
    partners: ids
      .map((id) => ({ partnerId: id, name: nameOf.get(id) ?? id, byModel: tallies.get(id)! }))
      .sort((a, b) => first(b.byModel) - first(a.byModel) || a.name.localeCompare(b.name)),
    dataDriven: { fitId: fit?.id ?? null },
    tookMs: Math.round(performance.now() - started),
  };
}
