import { and, eq, gt, inArray, isNotNull, isNull, lte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { partnerDocuments, partners, users } from "@/db/schema";
import { config } from "@/server/config";
import { DomainError } from "@/server/errors";
import { queueMail } from "@/server/mail/queue-mail";
import type { Storage } from "@/server/storage";
import { getOperatorSettings } from "./billing";
import { DOCUMENT_LABELS } from "./schemas";
import { DAY_MS } from "@/server/time/days";

/** Partners are reminded this many days before an approved document expires. */
export const REMINDER_DAYS = 30;

/** Approved documents expiring within REMINDER_DAYS get one e-mail each (reminderSentAt makes it once). */
export async function sendExpiryReminders(db: Db, now = new Date()): Promise<{ reminded: number }> {
  const soon = new Date(now.getTime() + REMINDER_DAYS * DAY_MS);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: partnerDocuments.id, type: partnerDocuments.type, expiresAt: partnerDocuments.expiresAt, email: users.email })
      .from(partnerDocuments)
      .innerJoin(partners, eq(partners.id, partnerDocuments.partnerId))
      .innerJoin(users, eq(users.id, partners.userId))
      .where(and(eq(partnerDocuments.status, "approved"), isNull(partnerDocuments.reminderSentAt), isNull(partnerDocuments.deletedAt), gt(partnerDocuments.expiresAt, now), lte(partnerDocuments.expiresAt, soon)))
      .for("update", { of: partnerDocuments, skipLocked: true });
    const link = `${config().appUrl}/portal/documents`;
    for (const d of due) await queueMail(tx, d.email, "document_expiring", { document: DOCUMENT_LABELS[d.type].toLowerCase(), expiresOn: d.expiresAt!.toISOString().slice(0, 10), link });
    if (due.length > 0) await tx.update(partnerDocuments).set({ reminderSentAt: now }).where(inArray(partnerDocuments.id, due.map((d) => d.id)));
    return { reminded: due.length };
  });
}

/** Documents out of force (rejected, replaced, or expired) for longer than the retention period, whose file is still kept. */
function pastRetention(now: Date, days: number) {
  const before = new Date(now.getTime() - days * DAY_MS);
  return and(isNotNull(partnerDocuments.storageKey), or(lte(partnerDocuments.endedAt, before), lte(partnerDocuments.expiresAt, before)));
}

/** Deletes the files (and keeps the row, as the record of what was given and decided) past the operator's retention period. */
export async function purgeExpiredDocuments(db: Db, store: Storage, now = new Date()): Promise<{ deleted: number }> {
  const { documentRetentionDays } = await getOperatorSettings(db).catch(() => ({ documentRetentionDays: null }));
  if (documentRetentionDays === null) return { deleted: 0 };
  const rows = await db.select({ id: partnerDocuments.id, key: partnerDocuments.storageKey }).from(partnerDocuments).where(pastRetention(now, documentRetentionDays));
  for (const r of rows) {
    await store.delete(r.key!);
    await db.update(partnerDocuments).set({ storageKey: null, deletedAt: now }).where(eq(partnerDocuments.id, r.id));
  }
  return { deleted: rows.length };
}

/** An operator deletes one document's file by hand; allowed only once its retention period has passed. */
export async function deleteDocument(db: Db, store: Storage, documentId: string, now = new Date()) {
  const { documentRetentionDays } = await getOperatorSettings(db);
  const [doc] = await db.select({ id: partnerDocuments.id, key: partnerDocuments.storageKey }).from(partnerDocuments).where(and(eq(partnerDocuments.id, documentId), pastRetention(now, documentRetentionDays)));
  if (!doc) throw new DomainError("CONFLICT", `Only a document rejected, replaced or expired more than ${documentRetentionDays} days ago can be deleted`);
  await store.delete(doc.key!);
  await db.update(partnerDocuments).set({ storageKey: null, deletedAt: now }).where(eq(partnerDocuments.id, doc.id));
  return { id: doc.id, deleted: true };
}
