import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { notifications } from "@/db/schema";

export type Notice = { partnerId: string; kind: string; title: string; body: string; href?: string | null };

/** Written in the caller's transaction: a partner is told of a change exactly when the change lands. */
export async function notify(tx: DbOrTx, notices: Notice[], now = new Date()): Promise<void> {
  if (notices.length === 0) return;
  await tx.insert(notifications).values(notices.map((n) => ({ id: newId("notification", now.getTime()), ...n, href: n.href ?? null, createdAt: now })));
}

/** The partner's latest notices and how many are unread. */
export async function listNotifications(db: DbOrTx, partnerId: string, limit = 20) {
  const [items, [unread]] = await Promise.all([
    db.select().from(notifications).where(eq(notifications.partnerId, partnerId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit),
    db.select({ n: count() }).from(notifications).where(and(eq(notifications.partnerId, partnerId), isNull(notifications.readAt))),
  ]);
  return { items, unread: unread?.n ?? 0 };
}

/** Marks the partner's own notices read (these ids, or all of them); ids of other partners' notices are ignored by the scope. */
export async function markNotificationsRead(db: DbOrTx, partnerId: string, ids: string[] | "all", now = new Date()) {
  if (ids !== "all" && ids.length === 0) return { updated: 0 };
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.partnerId, partnerId), ids === "all" ? undefined : inArray(notifications.id, ids), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}
