import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { rowsOf, type DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { commissions, partners, partnerSponsors } from "@/db/schema";
import { DomainError } from "@/server/errors";

/**
 * Sign-up through a recruit link: the approved partner whose code it is becomes the new partner's sponsor, from
 * the moment of sign-up. Called in the sign-up's transaction; an unknown code or a sponsor who is not approved is
 * a field error, so nobody is recruited by a link that no longer works.
 */
export async function attachRecruiter(tx: DbOrTx, partnerId: string, code: string, now: Date) {
  const [sponsor] = await tx.select({ id: partners.id, status: partners.status }).from(partners).where(eq(partners.recruitCode, code.trim().toLowerCase()));
  if (!sponsor || sponsor.status !== "approved") throw new DomainError("BAD_REQUEST", "This recruit link is not valid any more", "recruitCode");
  await tx.insert(partnerSponsors).values({ id: newId("partnerSponsor", now.getTime()), partnerId, sponsorId: sponsor.id, validFrom: now, reason: "signed up through a recruit link", actorId: null, createdAt: now });
  await tx.update(partners).set({ parentPartnerId: sponsor.id }).where(eq(partners.id, partnerId));
  return sponsor.id;
}

/** The name of the partner behind a recruit code, for the sign-up page ("invited by ..."), or null. */
export async function recruiterName(db: DbOrTx, code: string): Promise<string | null> {
  const [row] = await db.select({ name: partners.name }).from(partners).where(and(eq(partners.recruitCode, code.trim().toLowerCase()), eq(partners.status, "approved")));
  return row?.name ?? null;
}

/**
 * The portal's Sub-affiliates page: the partner's recruit code, the partners they sponsor now, and the override
 * earnings from each recruit per currency (every override commission paid on a recruit's commission, whatever
 * its status). Scoped by the caller's partner id in every query.
 */
export async function listSubAffiliates(db: DbOrTx, partnerId: string) {
  const [me] = await db.select({ recruitCode: partners.recruitCode }).from(partners).where(eq(partners.id, partnerId));
  const recruits = await db.select({ id: partners.id, name: partners.name, status: partners.status, joinedAt: partners.createdAt }).from(partners).where(eq(partners.parentPartnerId, partnerId)).orderBy(asc(partners.name));
  const base = alias(commissions, "base");
  const earned = await db
    .select({ recruitId: base.partnerId, currency: commissions.currency, amount: sql<string>`sum(${commissions.amount})::text`, n: sql<number>`count(*)::int` })
    .from(commissions)
    .innerJoin(base, eq(base.id, commissions.overrideOf))
    .where(and(eq(commissions.partnerId, partnerId), eq(commissions.kind, "override")))
    .groupBy(base.partnerId, commissions.currency);
  const names = new Map(recruits.map((r) => [r.id, r]));
  const byRecruit = new Map<string, { currency: string; amount: number; commissions: number }[]>();
  for (const e of earned) {
    const list = byRecruit.get(e.recruitId) ?? [];
    list.push({ currency: e.currency, amount: Number(e.amount), commissions: e.n });
    byRecruit.set(e.recruitId, list);
  }
  // recruits who earned the partner overrides but have since moved to another sponsor still show, by name
  const former = [...byRecruit.keys()].filter((id) => !names.has(id));
  const formerRows = former.length === 0 ? [] : await db.select({ id: partners.id, name: partners.name, status: partners.status, joinedAt: partners.createdAt }).from(partners).where(sql`${partners.id} in (${sql.join(former.map((id) => sql`${id}`), sql`, `)})`);
  const overrideTerms = rowsOf<{ plan: string; levels: number[] }>(
    await db.execute(sql`
      select distinct on (v.plan_id) p.name as plan, (v.terms->'components'->'multiTier'->'levels') as levels
      from commission_plan_versions v join commission_plans p on p.id = v.plan_id
      where v.effective_from <= now()
      order by v.plan_id, v.version desc`),
  ).filter((r) => Array.isArray(r.levels) && r.levels.length > 0);
  return {
    recruitCode: me?.recruitCode ?? null,
    recruits: [...recruits.map((r) => ({ ...r, current: true })), ...formerRows.map((r) => ({ ...r, current: false }))].map((r) => ({ id: r.id, name: r.name, status: r.status, joinedAt: r.joinedAt, current: r.current, earnings: byRecruit.get(r.id) ?? [] })),
    overrideTerms: overrideTerms.map((t) => ({ plan: t.plan, levels: t.levels.map((bp, i) => ({ level: i + 1, bp })) })),
  };
}
