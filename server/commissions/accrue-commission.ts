import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { rowsOf } from "@/db/client";
import { newId } from "@/db/ids";
import { attributions, commissions, conversions, offers, partners, type StoredCommissionLine } from "@/db/schema";
import { refusedPartners } from "@/server/commissions/refused-partners";
import { PlanBook } from "./plan-book";
import { formatBp, formatMoney } from "./plans/format";
import { overrides } from "./plans/multi-tier";
import { fromStoredRules } from "./plans/stored";
import { databaseContext, noteOf, priceShares, type ConversionFacts, type PricedShare } from "./quote";
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
  const insert = tx
    .insert(commissions)
    .values(rows.map((r) => r.commission))
    .onConflictDoNothing()
    .returning({ id: commissions.id });
  const entries = JSON.stringify(rows.map((r) => ({ id: newId("ledgerEntry", now.getTime()), commission_id: r.commission.id, partner_id: r.commission.partnerId, amount: r.commission.amount, currency: r.commission.currency, reason: r.reason })));
  const inserted = rowsOf<{ id: string }>(
    await tx.execute(sql`
      with ins as (${insert.getSQL()}),
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
  const rows = shares.map((share) => ({
    share,
    reason: `${share.plan!.planName} v${share.plan!.version}: ${share.lines.map((l) => l.basis).join("; ")}`,
    commission: { id: newId("commission", w.now.getTime()), kind: "event" as const, conversionId: w.conversionId, partnerId: share.partnerId, offerId: w.offerId, amount: share.amount, currency: share.plan!.terms.currency, attributionVersion: w.version, credit: share.credit, planVersionId: share.plan!.versionId, lines: share.lines, holdUntil: w.holdUntil, occurredAt: w.occurredAt, createdAt: w.now },
  }));
  const inserted = await insertAccrued(tx, rows, w.now);
  const out: AccruedShare[] = [];
  const overrideOf: OverrideBase[] = [];
  for (const { share, commission } of rows) {
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
    if (levels && levels.length > 0) overrideOf.push({ commissionId: commission.id, partnerId: share.partnerId, amount: share.amount, currency: commission.currency, planVersionId: share.plan!.versionId, levels });
  }
  await accrueOverrides(tx, overrideOf, w);
  return out;
}

/**
 * The sponsor chain above a partner at an instant, nearest first, at most `depth` long (the plan's levels).
 * Each link is the sponsor in force then (partner_sponsors: the latest row valid from no later than `at`); a
 * partner with no sponsor history at all falls back to parent_partner_id (sponsors set before history was kept).
 */
export async function uplinesAt(tx: DbOrTx, partnerId: string, depth: number, at: Date): Promise<{ id: string; name: string; status: string }[]> {
  const rows = rowsOf<{ id: string; name: string; status: string; depth: number }>(
    await tx.execute(sql`
      with recursive chain(id, depth) as (
        select ${partnerId}::text, 0
        union all
        select sp.sponsor, chain.depth + 1 from chain
        cross join lateral (
          select coalesce(
            (select h.sponsor_id from partner_sponsors h where h.partner_id = chain.id and h.valid_from <= ${at.toISOString()}::timestamptz order by h.valid_from desc, h.id desc limit 1),
            case when exists (select 1 from partner_sponsors h where h.partner_id = chain.id) then null
              else (select p.parent_partner_id from partners p where p.id = chain.id) end
          ) as sponsor
        ) sp
        where chain.depth < ${depth} and sp.sponsor is not null
      ) cycle id set looped using path
      select chain.id, p.name, p.status, chain.depth from chain join partners p on p.id = chain.id
      where chain.depth > 0 and not chain.looped order by chain.depth`),
  );
  return rows.map((r) => ({ id: r.id, name: r.name, status: r.status }));
}

type OverrideBase = { commissionId: string; partnerId: string; amount: number; currency: string; planVersionId: string; levels: number[] };

async function accrueOverrides(tx: DbOrTx, bases: OverrideBase[], w: ShareWrite) {
  if (bases.length === 0) return;
  const names = new Map((await tx.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, bases.map((b) => b.partnerId)))).map((p) => [p.id, p.name]));
  const rows: { commission: CommissionRow; reason: string }[] = [];
  for (const base of bases) {
    const chain = await uplinesAt(tx, base.partnerId, base.levels.length, w.occurredAt);
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
  await insertAccrued(tx, rows, w.now);
}

/** Everything accrual reads about a conversion, its offer and its current attribution. */
export async function loadAccrualInput(db: DbOrTx, conversionId: string) {
  const [row] = await db
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
    .where(eq(conversions.id, conversionId));
  return row;
}

export type AccrualInput = NonNullable<Awaited<ReturnType<typeof loadAccrualInput>>>;

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
  const facts = factsOf(row);
  const { shares: priced, quotes } = await priceShares(book, databaseContext(tx, fromStoredRules(row.qualification), row.offerCurrency), facts, credits);
  // Checked again here, not only at attribution: a partner suspended since then accrues nothing.
  const refused = await refusedPartners(tx, priced.map((s) => s.partnerId));
  const shares = priced.filter((s) => !refused.has(s.partnerId));
  const holdUntil = new Date(now.getTime() + row.holdDays * DAY_MS);
  const accrued = await accrueShares(tx, shares, { conversionId: row.id, offerId: row.offerId, version, holdUntil, now, occurredAt: row.occurredAt });
  const refusedNote = [...refused].map(([, status]) => `a partner who is ${status} earns nothing`).join("; ");
  const note = [noteOf(quotes, shares), refusedNote].filter(Boolean).join("; ") || null;
  await tx.update(conversions).set({ commissionNote: note }).where(eq(conversions.id, row.id));
  return { accrued, shares, quotes };
}
