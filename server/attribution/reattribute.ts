import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { rowsOf, type Db, type Tx } from "@/db/client";
import { attributions, commissions, conversions, partners, type LedgerEntryType } from "@/db/schema";
import { accrueVersion, loadAccrualInput } from "@/server/commissions/accrue-commission";
import { lastEntryType, statusOf } from "@/server/commissions/commission-status";
import { reverseCommissions } from "@/server/commissions/reverse-commissions";
import { attributionRow } from "./attribute-batch";
import { decide, type Decision } from "./decide";
import { requireProgram } from "./get-settings";
import { loadInputs, type LoadedInput } from "./load-inputs";
import { conversionFacts, conversionIdsInRange, loadPricing, sharesOf, type Pricing, type RangeInput } from "./range";
import type { ConversionFacts } from "@/server/commissions/quote";

const CHUNK = 1000;

type Side = { conversions: number; amounts: Record<string, number> };
export type PreviewPartner = { partnerId: string; name: string; before: Side; after: Side; paidDifference: Record<string, number> };
export type ReattributionPreview = { conversions: number; changed: number; paidUnchanged: number; settledUnchanged: number; partners: PreviewPartner[] };

type Current = { version: number; credits: { partnerId: string; credit: number }[]; commissions: { id: string; partnerId: string; amount: number; currency: string; status: string }[] };

async function currentState(db: Db | Tx, ids: string[]): Promise<Map<string, Current>> {
  const out = new Map<string, Current>();
  const recs = await db
    .select({ conversionId: attributions.conversionId, version: attributions.version, credits: attributions.credits })
    .from(attributions)
    .where(and(inArray(attributions.conversionId, ids), isNull(attributions.supersededAt)));
  for (const r of recs) out.set(r.conversionId, { version: r.version, credits: r.credits, commissions: [] });
  const coms = await db
    .select({ id: commissions.id, conversionId: commissions.conversionId, partnerId: commissions.partnerId, amount: commissions.amount, currency: commissions.currency, version: commissions.attributionVersion, last: lastEntryType })
    .from(commissions)
    .where(and(inArray(commissions.conversionId, ids), eq(commissions.kind, "event")));
  for (const c of coms) {
    const cur = c.conversionId ? out.get(c.conversionId) : undefined;
    if (cur && c.version === cur.version) cur.commissions.push({ id: c.id, partnerId: c.partnerId, amount: c.amount, currency: c.currency, status: statusOf(c.last as LedgerEntryType | null) });
  }
  return out;
}

const sameCredits = (a: Current["credits"], b: Decision["credits"]) =>
  a.length === b.length && a.every((x, i) => x.partnerId === b[i]?.partnerId && Math.abs(x.credit - (b[i]?.credit ?? 0)) < 1e-12);

const live = (c: Current["commissions"][number]) => c.status === "pending" || c.status === "approved";

/**
 * Conversions that a refund or chargeback has reversed or re-priced (their transaction's, or they are one):
 * re-deciding them would price the event's full amount again. Those with a rejected or reversed commission are
 * settled too (see `settledBy`).
 */
async function refunded(db: Db | Tx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      select v.id from conversions v
      where v.id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})
        and exists (select 1 from conversions r where r.offer_id = v.offer_id and r.txn_id = v.txn_id
                    and r.event in ('refund', 'chargeback') and r.commission_note is not null)`),
  );
  return new Set(rows.map((r) => r.id));
}

/** A conversion whose current commissions were rejected or reversed, or that a refund settled, is left as it is. */
const settledBy = (current: Current | undefined, refundedIds: Set<string>, id: string) => refundedIds.has(id) || (current?.commissions ?? []).some((c) => c.status === "rejected" || c.status === "reversed");

type Planned = { input: LoadedInput; decision: Decision; current: Current | undefined; paid: boolean; settled: boolean; facts: ConversionFacts | undefined };

async function plan(db: Db, range: RangeInput, each: (chunk: Planned[], pricing: Pricing, examined: number) => Promise<void>) {
  const list = await conversionIdsInRange(db, range);
  const pricing = await loadPricing(db, range.programId);
  for (let i = 0; i < list.length; i += CHUNK) {
    const ids = list.slice(i, i + CHUNK).map((c) => c.id);
    const [inputs, state, facts, refundedIds] = await Promise.all([loadInputs(db, ids), currentState(db, ids), conversionFacts(db, ids), refunded(db, ids)]);
    const planned = inputs
      .map((input) => {
        const current = state.get(input.conversionId);
        const paid = (current?.commissions ?? []).some((c) => c.status === "paid");
        return { input, decision: decide(input), current, paid, settled: !paid && settledBy(current, refundedIds, input.conversionId), facts: facts.get(input.conversionId) };
      })
      .filter((p) => !(p.current && sameCredits(p.current.credits, p.decision.credits)) && !(!p.current && p.decision.status === "unattributed"));
    await each(planned, pricing, ids.length);
  }
  return list.length;
}

/** What re-attributing a period under the current settings would change, per partner, before anything is written. */
export async function previewReattribution(db: Db, range: RangeInput): Promise<ReattributionPreview> {
  await requireProgram(db, range.programId);
  const sides = new Map<string, PreviewPartner>();
  const side = (id: string) => {
    let s = sides.get(id);
    if (!s) sides.set(id, (s = { partnerId: id, name: id, before: { conversions: 0, amounts: {} }, after: { conversions: 0, amounts: {} }, paidDifference: {} }));
    return s;
  };
  const add = (rec: Record<string, number>, cur: string, n: number) => (rec[cur] = (rec[cur] ?? 0) + n);
  let changed = 0;
  let paidUnchanged = 0;
  let settledUnchanged = 0;
  const total = await plan(db, range, async (chunk, pricing) => {
    for (const p of chunk) {
      if (p.settled) {
        settledUnchanged++;
        continue;
      }
      const after = await sharesOf(db, pricing, p.decision, p.facts);
      if (p.paid) {
        paidUnchanged++;
        // Paid money is never moved: show what the new model would have paid differently.
        for (const c of p.current?.commissions ?? []) add(side(c.partnerId).paidDifference, c.currency, -c.amount);
        for (const s of after) add(side(s.partnerId).paidDifference, s.currency, s.amount);
        continue;
      }
      changed++;
      for (const c of (p.current?.commissions ?? []).filter(live)) {
        side(c.partnerId).before.conversions++;
        add(side(c.partnerId).before.amounts, c.currency, c.amount);
      }
      for (const s of after) {
        side(s.partnerId).after.conversions++;
        add(side(s.partnerId).after.amounts, s.currency, s.amount);
      }
    }
  });
  const ids = [...sides.keys()];
  if (ids.length > 0) {
    for (const n of await db.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, ids))) side(n.id).name = n.name;
  }
  return { conversions: total, changed, paidUnchanged, settledUnchanged, partners: [...sides.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

export type ReattributionResult = { conversions: number; reattributed: number; paidUnchanged: number; settledUnchanged: number };

/**
 * Re-decides a period under the current settings. Per changed conversion, in one transaction: the record
 * gets a new version, unpaid commissions of the old version are reversed by appended entries (with the
 * reason), and the new shares are accrued. A conversion with any paid commission is never touched, nor one
 * that a refund, a chargeback or a rejection settled.
 */
export async function applyReattribution(
  db: Db,
  range: RangeInput & { actorId: string; reason: string; now?: Date; onProgress?: (done: number) => Promise<void> },
): Promise<ReattributionResult> {
  const now = range.now ?? new Date();
  let reattributed = 0;
  let paidUnchanged = 0;
  let settledUnchanged = 0;
  let seen = 0;
  const total = await plan(db, range, async (chunk, pricing, examined) => {
    for (const p of chunk) {
      if (p.paid) {
        paidUnchanged++;
        continue;
      }
      if (p.settled) {
        settledUnchanged++;
        continue;
      }
      const done = await db.transaction(async (tx) => {
        // Serialise with payouts and reviews: lock the conversion's commissions, then re-read their state.
        await tx.select({ id: conversions.id }).from(conversions).where(eq(conversions.id, p.input.conversionId)).for("update");
        await tx.select({ id: commissions.id }).from(commissions).where(eq(commissions.conversionId, p.input.conversionId)).for("update");
        const state = (await currentState(tx, [p.input.conversionId])).get(p.input.conversionId);
        if ((state?.version ?? 0) !== (p.current?.version ?? 0) || state?.commissions.some((c) => c.status === "paid")) return false;
        if (settledBy(state, await refunded(tx, [p.input.conversionId]), p.input.conversionId)) return false;
        const version = (state?.version ?? 0) + 1;
        const why = `re-attributed (${p.decision.model.model.replace("_", " ")}): ${range.reason}`;
        // the old version's unpaid commissions and the overrides they paid
        await reverseCommissions(tx, { commissionIds: (state?.commissions ?? []).filter(live).map((c) => c.id), reason: why, source: "admin", actorId: range.actorId, now, cascade: true });
        await tx.update(attributions).set({ supersededAt: now }).where(and(eq(attributions.conversionId, p.input.conversionId), isNull(attributions.supersededAt)));
        await tx.insert(attributions).values({ ...attributionRow(p.decision, p.input, version, now, range.actorId), reason: `${p.decision.reason} (${why})` });
        await tx
          .update(conversions)
          .set({ attributionStatus: p.decision.status, partnerId: p.decision.partnerId, attributionMethod: p.decision.source, attributionReason: p.decision.reason, attributedAt: now })
          .where(eq(conversions.id, p.input.conversionId));
        const row = await loadAccrualInput(tx, p.input.conversionId);
        if (row && p.decision.status === "attributed" && row.fraudStatus !== "rejected") await accrueVersion(tx, row, pricing.book, p.decision.credits, version, now);
        return true;
      });
      if (done) reattributed++;
    }
    seen += examined;
    await range.onProgress?.(seen);
  });
  return { conversions: total, reattributed, paidUnchanged, settledUnchanged };
}
