import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { rowsOf } from "@/db/client";
import { bulkInsert } from "@/db/bulk-insert";
import { newId } from "@/db/ids";
import { attributions, commissions, conversions, offers, partners, type StoredCommissionLine } from "@/db/schema";
import { refusedPartners } from "@/server/commissions/refused-partners";
import { PlanBook } from "./plan-book";
import { formatBp, formatMoney } from "./plans/format";
import { overrides } from "./plans/multi-tier";
import { fromStoredRules } from "./plans/stored";
import { noteOf, priceSharesIn, readContexts, type ContextRequest, type ConversionFacts, type PricedShare } from "./quote";
import { DAY_MS } from "@/server/time/days";

export type AccruedShare = { commissionId: string; partnerId: string; amount: number; credit: number };

export type AccrualOutcome =
  | { accrued: true; commissionId: string; commissions: AccruedShare[]; amount: number; currency: string }
  | { accrued: false; reason: string };


/** Event types that undo the commission of an earlier event with the same transaction id on the offer. */

/** `occurredAt`: the conversion's time, which the commission lists show and sort by; overrides go to the sponsors in force then. */
export type ShareWrite = { conversionId: string; offerId: string; occurredAt: Date; version: number; holdUntil: Date; now: Date };

type CommissionRow = typeof commissions.$inferInsert & { id: string; partnerId: string; amount: number; currency: string };

/**
 * Commissions and their pending accrual entries in one statement; a commission that exists already (the
 * unique indexes: a retried job) gets no entry. Returns the ids inserted.
 */
async function insertAccrued(tx: DbOrTx, rows: { commission: CommissionRow; reason: string }[], now: Date): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const entries = JSON.stringify(rows.map((r) => ({ id: newId("ledgerEntry", now.getTime()), commission_id: r.commission.id, partner_id: r.commission.partnerId, amount: r.commission.amount, currency: r.commission.currency, reason: r.reason })));
  const inserted = rowsOf<{ id: string }>(
    await tx.execute(sql`
      with ins as (${bulkInsert(commissions, rows.map((r) => r.commission), { onConflictDoNothing: true })} returning id),
      led as (
        insert into ledger_entries (id, partner_id, commission_id, type, bucket, amount, currency, reason, source, created_at)
        select x.id, x.partner_id, x.commission_id, 'accrual', 'pending', x.amount, x.currency, x.reason, 'conversion', ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${entries}::jsonb) as x(id text, commission_id text, partner_id text, amount bigint, currency text, reason text)
        join ins on ins.id = x.commission_id
      )
      select id from ins`),
  );
  return new Set(inserted.map((r) => r.id));
}

/**
 * Writes a conversion's priced shares for one attribution version: a commission and an accrual entry each, and
 * the multi-tier overrides their plans pay up the sponsor chain. The unique (conversion, partner, version)
 * index makes a second run a no-op that returns the first run's commissions.
 */
export async function accrueShares(tx: DbOrTx, shares: PricedShare[], w: ShareWrite): Promise<AccruedShare[]> {
  const [out] = await accrueSharesMany(tx, [{ shares, w }]);
  return out!;
}

/** The same for many conversions' shares, with one statement for all their commissions and one for all overrides. */
export async function accrueSharesMany(tx: DbOrTx, items: readonly { shares: PricedShare[]; w: ShareWrite }[]): Promise<AccruedShare[][]> {
  const rows = items.map(({ shares, w }) =>
    shares.map((share) => ({
      share,
      reason: `${share.plan!.planName} v${share.plan!.version}: ${share.lines.map((l) => l.basis).join("; ")}`,
      commission: { id: newId("commission", w.now.getTime()), kind: "event" as const, conversionId: w.conversionId, partnerId: share.partnerId, offerId: w.offerId, amount: share.amount, currency: share.plan!.terms.currency, attributionVersion: w.version, credit: share.credit, planVersionId: share.plan!.versionId, lines: share.lines, holdUntil: w.holdUntil, occurredAt: w.occurredAt, createdAt: w.now },
    })),
  );
  const now = items[0]?.w.now ?? new Date();
  const inserted = await insertAccrued(tx, rows.flat(), now);
  const overrideOf: (OverrideBase & { w: ShareWrite })[] = [];
  const outs: AccruedShare[][] = [];
  for (const [n, { w }] of items.entries()) {
    const out: AccruedShare[] = [];
    for (const { share, commission } of rows[n]!) {
      if (!inserted.has(commission.id)) {
        const [existing] = await tx
          .select({ id: commissions.id, amount: commissions.amount })
          .from(commissions)
          .where(and(eq(commissions.conversionId, w.conversionId), eq(commissions.partnerId, share.partnerId), eq(commissions.attributionVersion, w.version), eq(commissions.kind, "event")));
        if (!existing) throw new Error("commission conflict without a row");
        out.push({ commissionId: existing.id, partnerId: share.partnerId, amount: existing.amount, credit: share.credit });
        continue;
      }
      out.push({ commissionId: commission.id, partnerId: share.partnerId, amount: share.amount, credit: share.credit });
      const levels = share.plan!.terms.components.multiTier?.levels;
      if (levels && levels.length > 0) overrideOf.push({ commissionId: commission.id, partnerId: share.partnerId, amount: share.amount, currency: commission.currency, planVersionId: share.plan!.versionId, levels, w });
    }
    outs.push(out);
  }
  await accrueOverrides(tx, overrideOf);
  return outs;
}

/**
 * The sponsor chain above a partner at an instant, nearest first, at most `depth` long (the plan's levels).
 * Each link is the sponsor in force then (partner_sponsors: the latest row valid from no later than `at`); a
 * partner with no sponsor history at all falls back to parent_partner_id (sponsors set before history was kept).
 */
export async function uplinesAt(tx: DbOrTx, partnerId: string, depth: number, at: Date): Promise<{ id: string; name: string; status: string }[]> {
  const [chain] = await uplinesMany(tx, [{ partnerId, depth, at }]);
  return chain!;
}

/** The same for many (partner, depth, instant) triples in one statement; the chains come back in order. */
export async function uplinesMany(tx: DbOrTx, asks: readonly { partnerId: string; depth: number; at: Date }[]): Promise<{ id: string; name: string; status: string }[][]> {
  const out = asks.map(() => [] as { id: string; name: string; status: string }[]);
  if (asks.length === 0) return out;
  const json = JSON.stringify(asks.map((a, n) => ({ n, partner_id: a.partnerId, depth: a.depth, at: a.at.toISOString() })));
  const rows = rowsOf<{ n: number; id: string; name: string; status: string; depth: number }>(
    await tx.execute(sql`
      with recursive asks as (
        select * from jsonb_to_recordset(${json}::jsonb) as x(n int, partner_id text, depth int, at timestamptz)
      ), chain(n, id, depth) as (
        select n, partner_id, 0 from asks
        union all
        select chain.n, sp.sponsor, chain.depth + 1 from chain
        join asks a on a.n = chain.n
        cross join lateral (
          select coalesce(
            (select h.sponsor_id from partner_sponsors h where h.partner_id = chain.id and h.valid_from <= a.at order by h.valid_from desc, h.id desc limit 1),
            case when exists (select 1 from partner_sponsors h where h.partner_id = chain.id) then null
              else (select p.parent_partner_id from partners p where p.id = chain.id) end
          ) as sponsor
        ) sp
        where chain.depth < a.depth and sp.sponsor is not null
      ) cycle id set looped using path
      select chain.n, chain.id, p.name, p.status, chain.depth from chain join partners p on p.id = chain.id
      where chain.depth > 0 and not chain.looped order by chain.n, chain.depth`),
  );
  for (const r of rows) out[Number(r.n)]!.push({ id: r.id, name: r.name, status: r.status });
  return out;
}

type OverrideBase = { commissionId: string; partnerId: string; amount: number; currency: string; planVersionId: string; levels: number[] };

async function accrueOverrides(tx: DbOrTx, bases: (OverrideBase & { w: ShareWrite })[]) {
  if (bases.length === 0) return;
  const [named, chains] = await Promise.all([
    tx.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, [...new Set(bases.map((b) => b.partnerId))])),
    uplinesMany(tx, bases.map((b) => ({ partnerId: b.partnerId, depth: b.levels.length, at: b.w.occurredAt }))),
  ]);
  const names = new Map(named.map((p) => [p.id, p.name]));
  const rows: { commission: CommissionRow; reason: string }[] = [];
  for (const [n, base] of bases.entries()) {
    const { w } = base;
    const chain = chains[n]!;
    // a sponsor who is not approved earns no override; the levels above them still do
    const refused = new Set(chain.filter((c) => c.status !== "approved").map((c) => c.id));
    for (const o of overrides(BigInt(base.amount), chain.map((c) => c.id), base.levels)) {
      if (refused.has(o.partnerId)) continue;
      const amount = Number(o.amount);
      const bp = base.levels[o.level - 1] ?? 0;
      const line: StoredCommissionLine = { component: "override", basis: `level ${o.level} override: ${formatBp(bp)} of ${names.get(base.partnerId) ?? "a sub-partner"}'s ${formatMoney(BigInt(base.amount), base.currency)} commission = ${formatMoney(o.amount, base.currency)}`, amount };
      rows.push({
        reason: line.basis,
        commission: { id: newId("commission", w.now.getTime()), kind: "override", conversionId: w.conversionId, partnerId: o.partnerId, offerId: w.offerId, amount, currency: base.currency, attributionVersion: w.version, credit: 0, planVersionId: base.planVersionId, lines: [line], holdUntil: w.holdUntil, overrideOf: base.commissionId, level: o.level, occurredAt: w.occurredAt, createdAt: w.now },
      });
    }
  }
  await insertAccrued(tx, rows, bases[0]!.w.now);
}

/** Everything accrual reads about a conversion, its offer and its current attribution. */
export async function loadAccrualInput(db: DbOrTx, conversionId: string) {
  const [row] = await loadAccrualInputs(db, [conversionId]);
  return row;
}

/** The same for many conversions, in no particular order. */
export async function loadAccrualInputs(db: DbOrTx, conversionIds: readonly string[]) {
  return db
    .select({
      id: conversions.id,
      programId: conversions.programId,
      offerId: conversions.offerId,
      event: conversions.event,
      txnId: conversions.txnId,
      amount: conversions.amount,
      currency: conversions.currency,
      occurredAt: conversions.occurredAt,
      customerId: conversions.customerId,
      params: conversions.params,
      status: conversions.attributionStatus,
      partnerId: conversions.partnerId,
      fraudStatus: conversions.fraudStatus,
      offerCurrency: offers.currency,
      qualification: offers.qualification,
      holdDays: offers.holdDays,
      version: attributions.version,
      credits: attributions.credits,
    })
    .from(conversions)
    .innerJoin(offers, eq(offers.id, conversions.offerId))
    .leftJoin(attributions, and(eq(attributions.conversionId, conversions.id), isNull(attributions.supersededAt)))
    .where(inArray(conversions.id, [...conversionIds]));
}

export type AccrualInput = Awaited<ReturnType<typeof loadAccrualInputs>>[number];

export const factsOf = (row: AccrualInput): ConversionFacts => ({
  id: row.id,
  programId: row.programId,
  offerId: row.offerId,
  event: row.event,
  txnId: row.txnId,
  amount: row.amount,
  currency: row.currency,
  occurredAt: row.occurredAt,
  customerId: row.customerId,
  params: row.params,
});

/** Prices and writes one attribution version's shares in the caller's transaction; records the note either way. */
export async function accrueVersion(tx: Tx, row: AccrualInput, book: PlanBook, credits: { partnerId: string; credit: number }[], version: number, now: Date) {
  const [out] = await accrueVersions(tx, [{ row, book, credits, version }], now);
  return out!;
}

export type VersionToAccrue = { row: AccrualInput; book: PlanBook; credits: { partnerId: string; credit: number }[]; version: number };

/**
 * The same for many conversions at once, with a few statements for all of them: their pricing contexts
 * (readContexts), the partners who may not earn, the commissions and overrides, and the notes. The conversions
 * must not read each other's commissions (no credited partner, customer or transaction in common), as the
 * contexts are all read before any is written.
 */
export async function accrueVersions(tx: Tx, items: readonly VersionToAccrue[], now: Date) {
  if (items.length === 0) return [];
  const requests: ContextRequest[] = [];
  const index: Map<string, number>[] = [];
  for (const { row, book, credits } of items) {
    const facts = factsOf(row);
    const rules = fromStoredRules(row.qualification);
    const at = new Map<string, number>();
    for (const c of credits) {
      const plan = book.resolve(c.partnerId, facts.offerId, facts.occurredAt);
      if (plan && !at.has(c.partnerId)) at.set(c.partnerId, requests.push({ plan, partnerId: c.partnerId, facts, rules, offerCurrency: row.offerCurrency }) - 1);
    }
    index.push(at);
  }
  const contexts = await readContexts(tx, requests);
  const priced = items.map(({ row, book, credits }, n) => priceSharesIn(book, (_plan, partnerId) => contexts[index[n]!.get(partnerId) ?? -1], factsOf(row), credits));
  // Checked again here, not only at attribution: a partner suspended since then accrues nothing.
  const refused = await refusedPartners(tx, priced.flatMap((p) => p.shares.map((s) => s.partnerId)));
  const kept = priced.map((p) => p.shares.filter((s) => !refused.has(s.partnerId)));
  const accrued = await accrueSharesMany(
    tx,
    items.map(({ row, version }, n) => ({ shares: kept[n]!, w: { conversionId: row.id, offerId: row.offerId, version, holdUntil: new Date(now.getTime() + row.holdDays * DAY_MS), now, occurredAt: row.occurredAt } })),
  );
  const notes = items.map(({ row }, n) => {
    const mine = new Set(priced[n]!.shares.map((s) => s.partnerId));
    const refusedNote = [...refused].filter(([id]) => mine.has(id)).map(([, status]) => `a partner who is ${status} earns nothing`).join("; ");
    return { id: row.id, note: [noteOf(priced[n]!.quotes, kept[n]!), refusedNote].filter(Boolean).join("; ") || null };
  });
  await tx.execute(sql`
    update ${conversions} v set commission_note = x.note
    from jsonb_to_recordset(${JSON.stringify(notes)}::jsonb) as x(id text, note text) where v.id = x.id`);
  return items.map((_, n) => ({ accrued: accrued[n]!, shares: kept[n]!, quotes: priced[n]!.quotes }));
}
