import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { reportViews } from "@/db/schema";
import { DomainError } from "@/server/errors";

export const saveViewInput = z.object({ name: z.string().trim().min(1, "Name the view.").max(80), query: z.record(z.string(), z.unknown()) });
type Owner = { userId: string; scope: "admin" | "portal" };

/** Saved report layouts belong to one user and one page; every query filters by both. */
export const listViews = (db: DbOrTx, o: Owner) =>
  db.select({ id: reportViews.id, name: reportViews.name, query: reportViews.query }).from(reportViews).where(and(eq(reportViews.userId, o.userId), eq(reportViews.scope, o.scope))).orderBy(asc(reportViews.name));

export async function saveView(db: DbOrTx, o: Owner, input: z.infer<typeof saveViewInput>) {
  if (JSON.stringify(input.query).length > 4_000) throw new DomainError("BAD_REQUEST", "This view is too large to save.", "query");
  const [row] = await db
    .insert(reportViews)
    .values({ userId: o.userId, scope: o.scope, name: input.name, query: input.query })
    .onConflictDoUpdate({ target: [reportViews.userId, reportViews.scope, reportViews.name], set: { query: input.query } })
    .returning({ id: reportViews.id });
  if (!row) throw new DomainError("CONFLICT", "The view was not saved.");
  return { id: row.id };
}

export async function deleteView(db: DbOrTx, o: Owner, id: string) {
  const gone = await db.delete(reportViews).where(and(eq(reportViews.id, id), eq(reportViews.userId, o.userId), eq(reportViews.scope, o.scope))).returning({ id: reportViews.id });
  if (gone.length === 0) throw new DomainError("NOT_FOUND", "No such saved view.");
  return { id };
}
