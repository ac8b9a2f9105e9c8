import { and, count, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { partners, users, type PartnerStatus } from "@/db/schema";

export async function listPartners(db: DbOrTx, f: { status?: PartnerStatus; limit: number; offset: number }) {
  const cond = f.status ? eq(partners.status, f.status) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: partners.id,
        name: partners.name,
        email: users.email,
        website: partners.website,
        promotionMethods: partners.promotionMethods,
        status: partners.status,
        createdAt: partners.createdAt,
        reviewedAt: partners.reviewedAt,
      })
      .from(partners)
      .innerJoin(users, eq(users.id, partners.userId))
      .where(and(cond))
      .orderBy(desc(partners.createdAt))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(partners).where(cond),
  ]);
  return { items, total: total?.n ?? 0 };
}
