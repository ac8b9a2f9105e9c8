import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { auditLog } from "@/db/schema";

export const auditFilter = z.object({
  actor: z.string().trim().max(254).optional(),
  object: z.string().trim().max(120).optional(),
  action: z.string().trim().max(120).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export type AuditFilter = z.infer<typeof auditFilter>;

function where(f: AuditFilter): SQL | undefined {
  return and(
    f.actor ? sql`(${auditLog.actorEmail} = ${f.actor.toLowerCase()} or ${auditLog.actorId} = ${f.actor})` : undefined,
    f.object ? eq(auditLog.objectId, f.object) : undefined,
    f.action ? sql`${auditLog.action} like ${`${f.action.replace(/[%_\\]/g, "\\$&")}%`}` : undefined,
    f.from ? gte(auditLog.createdAt, f.from) : undefined,
    f.to ? lt(auditLog.createdAt, f.to) : undefined,
  );
}

export async function listAudit(db: DbOrTx, f: AuditFilter & { limit: number; offset: number }) {
  const [items, total] = await Promise.all([
    db.select().from(auditLog).where(where(f)).orderBy(desc(auditLog.createdAt), desc(auditLog.id)).limit(f.limit).offset(f.offset),
    db.$count(auditLog, where(f)),
  ]);
  return { items, total };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters of the audit page's URL (or the CSV link's), blank ones left out; a "to" day includes that whole day. */
export function auditFilterFromParams(params: Record<string, string | undefined>) {
  const clean = Object.fromEntries(Object.entries(params).filter(([k, v]) => v && ["actor", "object", "action", "from", "to"].includes(k)));
  const parsed = auditFilter.safeParse(clean);
  if (!parsed.success || !parsed.data.to || !DAY.test(clean.to ?? "")) return parsed;
  return { ...parsed, data: { ...parsed.data, to: new Date(parsed.data.to.getTime() + 86_400_000) } };
}
