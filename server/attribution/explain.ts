import { asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { attributions, commissions, conversions, links, modelFits, offers, partners, type LedgerEntryType, type StoredModel } from "@/db/schema";
import { lastEntryReason, lastEntryType, statusOf } from "@/server/commissions/commission-status";
import { DomainError } from "@/server/errors";

async function load(db: DbOrTx, conversionId: string) {
  const [conv] = await db
    .select({
      id: conversions.id,
      programId: conversions.programId,
      offerId: conversions.offerId,
      offerName: offers.name,
      event: conversions.event,
      txnId: conversions.txnId,
      amount: conversions.amount,
      currency: conversions.currency,
      occurredAt: conversions.occurredAt,
      status: conversions.attributionStatus,
      partnerId: conversions.partnerId,
      customerId: conversions.customerId,
      source: conversions.source,
      /** Why the event earned nothing or less than the plan's full terms (a qualification rule, a refund's reversals). */
      commissionNote: conversions.commissionNote,
      fraudStatus: conversions.fraudStatus,
    })
    .from(conversions)
    .innerJoin(offers, eq(offers.id, conversions.offerId))
    .where(eq(conversions.id, conversionId));
  if (!conv) throw new DomainError("NOT_FOUND", "Conversion not found");
  const versions = await db.select().from(attributions).where(eq(attributions.conversionId, conversionId)).orderBy(asc(attributions.version));
  const coms = await db
    .select({ id: commissions.id, kind: commissions.kind, partnerId: commissions.partnerId, amount: commissions.amount, currency: commissions.currency, credit: commissions.credit, version: commissions.attributionVersion, lines: commissions.lines, last: lastEntryType, lastReason: lastEntryReason })
    .from(commissions)
    .where(eq(commissions.conversionId, conversionId))
    .orderBy(asc(commissions.attributionVersion), asc(commissions.partnerId));
  return {
    conv,
    versions,
    commissions: coms.map(({ last, lastReason, ...c }) => {
      const status = statusOf(last as LedgerEntryType | null);
      // why a commission was rejected or reversed (a re-attribution, a refund, a review), as the partner's ledger says
      return { ...c, status, statusReason: status === "rejected" || status === "reversed" ? lastReason : null };
    }),
  };
}

const modelLabel = (m: StoredModel) =>
  m.model === "time_decay" ? `time decay (half-life ${m.halfLifeDays} days)` : m.model === "position_based" ? `position based (${Math.round(m.firstShare * 100)}% first, ${Math.round(m.lastShare * 100)}% last)` : m.model.replace("_", " ");

/** The whole record for the operator: every version, every touch, every partner and amount. */
/**
 * The whole explanation, for team members who see every partner. With a manager's `scope` (their user id), the
 * conversion must involve at least one of their partners (else "not found"), other partners are named only as
 * "Another partner" and other partners' commissions are left out.
 */
export async function explainForAdmin(db: DbOrTx, conversionId: string, scope?: string | null) {
  const { conv, versions, commissions: all } = await load(db, conversionId);
  const ids = new Set<string>();
  for (const v of versions) {
    for (const t of v.touchpoints) ids.add(t.partnerId);
    for (const c of v.credits) ids.add(c.partnerId);
  }
  for (const c of all) ids.add(c.partnerId);
  if (conv.partnerId) ids.add(conv.partnerId);
  const rows = ids.size > 0 ? await db.select({ id: partners.id, name: partners.name, managerUserId: partners.managerUserId }).from(partners).where(inArray(partners.id, [...ids])) : [];
  const visible = new Set(rows.filter((r) => !scope || r.managerUserId === scope).map((r) => r.id));
  if (scope && visible.size === 0) throw new DomainError("NOT_FOUND", "Conversion not found");
  const names = rows.map((r) => ({ id: r.id, name: visible.has(r.id) ? r.name : "Another partner" }));
  const coms = all.filter((c) => visible.has(c.partnerId));
  const linkIds = [...new Set(versions.flatMap((v) => v.touchpoints.map((t) => t.linkId)).filter((x): x is string => !!x))];
  const linkRows = linkIds.length > 0 ? await db.select({ id: links.id, code: links.code, alias: links.alias, label: links.label }).from(links).where(inArray(links.id, linkIds)) : [];
  const fitIds = versions.map((v) => v.modelFitId).filter((x): x is string => !!x);
  const fits = fitIds.length > 0 ? await db.select().from(modelFits).where(inArray(modelFits.id, fitIds)) : [];
  return {
    conversion: conv,
    partnerNames: Object.fromEntries(names.map((n) => [n.id, n.name])),
    /** `/r/<alias or code>` and the partner's label, for the journey table. */
    linkNames: Object.fromEntries(linkRows.map((l) => [l.id, `/r/${l.alias ?? l.code}${l.label ? ` (${l.label})` : ""}`])),
    versions: versions.map((v) => ({ ...v, modelLabel: modelLabel(v.model), fit: fits.find((f) => f.id === v.modelFitId) ?? null })),
    commissions: coms,
  };
}

/**
 * What a partner may see of a conversion they took part in: their own touches in full, other partners'
 * touches only as "another partner" with a time, their own share and amount, never anyone else's identity.
 */
export async function explainForPartner(db: DbOrTx, partnerId: string, conversionId: string) {
  const { conv, versions, commissions: coms } = await load(db, conversionId);
  const current = versions.find((v) => v.supersededAt === null) ?? versions.at(-1);
  const involved = conv.partnerId === partnerId || coms.some((c) => c.partnerId === partnerId) || versions.some((v) => v.touchpoints.some((t) => t.partnerId === partnerId));
  // Someone else's conversion is indistinguishable from a missing one.
  if (!involved || !current) throw new DomainError("NOT_FOUND", "Conversion not found");
  const mine = current.credits.find((c) => c.partnerId === partnerId);
  return {
    conversion: { id: conv.id, offerName: conv.offerName, event: conv.event, occurredAt: conv.occurredAt, commissionNote: conv.commissionNote },
    model: current.model,
    fellBackTo: current.fellBackTo,
    source: current.source,
    version: current.version,
    // Rules may name a partner (e.g. a missing learned weight): only the caller's own id survives.
    rules: current.rules.map((r) => r.replace(/prt_[0-9a-z]{26}/g, (id) => (id === partnerId ? "you" : "another partner"))),
    touchpoints: current.touchpoints.map((t) =>
      t.partnerId === partnerId ? { own: true as const, at: t.at, clickId: t.clickId, linkId: t.linkId, sub: t.sub, weight: t.weight } : { own: false as const, at: t.at, weight: t.weight },
    ),
    credit: mine?.credit ?? 0,
    otherPartners: current.credits.filter((c) => c.partnerId !== partnerId).length,
    commissions: coms.filter((c) => c.partnerId === partnerId).map((c) => ({ id: c.id, kind: c.kind, amount: c.amount, currency: c.currency, credit: c.credit, version: c.version, status: c.status, statusReason: c.statusReason, lines: c.lines })),
    reattributed: versions.length > 1,
  };
}
