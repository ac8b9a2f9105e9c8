import { and, asc, count, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { partnerGroupMembers, partners, users } from "@/db/schema";
import { inScope } from "./manager-scope";
import type { PartnerListFilter } from "./schemas";

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

export function partnerFilter(f: PartnerListFilter & { managerScope?: string | null }): SQL | undefined {
  const conds: (SQL | undefined)[] = [inScope(f.managerScope)];
  if (f.status) conds.push(eq(partners.status, f.status));
  if (f.type) conds.push(eq(partners.type, f.type.toLowerCase()));
  if (f.groupId) conds.push(sql`exists (select 1 from ${partnerGroupMembers} where ${partnerGroupMembers.groupId} = ${f.groupId} and ${partnerGroupMembers.partnerId} = ${partners.id})`);
  if (f.country) conds.push(eq(partners.country, f.country));
  if (f.managerUserId === "none") conds.push(sql`${partners.managerUserId} is null`);
  else if (f.managerUserId) conds.push(eq(partners.managerUserId, f.managerUserId));
  if (f.signedUpFrom) conds.push(gte(partners.createdAt, f.signedUpFrom));
  // the "to" date is inclusive: everything before the next day
  if (f.signedUpTo) conds.push(lt(partners.createdAt, new Date(f.signedUpTo.getTime() + 86_400_000)));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conds.push(or(ilike(partners.name, like), ilike(users.email, like), ilike(partners.company, like), eq(partners.id, f.q)));
  }
  return and(...conds);
}

const SORTS = {
  newest: [desc(partners.createdAt), desc(partners.id)],
  oldest: [asc(partners.createdAt), asc(partners.id)],
  name: [asc(sql`lower(${partners.name})`), asc(partners.id)],
} as const;

/** The admin partner list: search (name, email, company or id), filters, sort and a page. */
export async function listPartners(db: DbOrTx, f: PartnerListFilter & { limit: number; offset: number; managerScope?: string | null }) {
  const where = partnerFilter(f);
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: partners.id,
        name: partners.name,
        email: users.email,
        company: partners.company,
        website: partners.website,
        promotionMethods: partners.promotionMethods,
        type: partners.type,
        groups: sql<string | null>`(select string_agg(g.name, ', ' order by g.name) from partner_group_members m join partner_groups g on g.id = m.group_id where m.partner_id = ${partners.id})`,
        country: partners.country,
        status: partners.status,
        statusReason: partners.statusReason,
        managerUserId: partners.managerUserId,
        createdAt: partners.createdAt,
        reviewedAt: partners.reviewedAt,
      })
      .from(partners)
      .innerJoin(users, eq(users.id, partners.userId))
      .where(where)
      .orderBy(...SORTS[f.sort ?? "newest"])
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(partners).innerJoin(users, eq(users.id, partners.userId)).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}
