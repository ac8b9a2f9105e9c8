import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { notifications, partners, users } from "@/db/schema";
import { config } from "@/server/config";
import { queueMail } from "@/server/mail/queue-mail";
import type { MailTemplate } from "@/server/mail/templates";

export type Notice = { partnerId: string; kind: string; title: string; body: string; href?: string | null };

/** Written in the caller's transaction: a partner is told of a change exactly when the change lands. */
export async function notify(tx: DbOrTx, notices: Notice[], now = new Date()): Promise<void> {
  if (notices.length === 0) return;
  await tx.insert(notifications).values(notices.map((n) => ({ id: newId("notification", now.getTime()), ...n, href: n.href ?? null, createdAt: now })));
  await mailNotices(tx, notices);
}

/** Notices that are also e-mailed to the partner, with the template that carries them. */
const MAILED: Record<string, MailTemplate & ("payout_sent" | "commission_reversed" | "fraud_hold" | "terms_changed")> = {
  payout_paid: "payout_sent",
  commission_reversed: "commission_reversed",
  fraud_hold: "fraud_hold",
  terms_changed: "terms_changed",
};

/** Queued in the same transaction as the notice; the "mail/send" job delivers them after commit. */
async function mailNotices(tx: DbOrTx, notices: Notice[]) {
  const mailed = notices.filter((n) => MAILED[n.kind]);
  if (mailed.length === 0) return;
  const rows = await tx
    .select({ partnerId: partners.id, email: users.email })
    .from(partners)
    .innerJoin(users, eq(users.id, partners.userId))
    .where(inArray(partners.id, [...new Set(mailed.map((n) => n.partnerId))]));
  const emailOf = new Map(rows.map((r) => [r.partnerId, r.email]));
  const appUrl = config().appUrl;
  for (const n of mailed) {
    const to = emailOf.get(n.partnerId);
    const template = MAILED[n.kind];
    if (!to || !template) continue;
    await queueMail(tx, to, template, { title: n.title, body: n.body, link: `${appUrl}${n.href ?? "/portal"}` });
  }
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
