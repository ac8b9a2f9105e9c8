import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { commissions, conversions, fraudAppeals, fraudChecks } from "@/db/schema";
import { accrueCommissionIn } from "@/server/commissions/conversion-commission";
import { reverseCommissions } from "@/server/commissions/reverse-commissions";
import { DomainError } from "@/server/errors";
import { notify } from "@/server/notifications/notify";
import { partnerReasonText } from "./labels";

export type ReviewInput = {
  checkId: string;
  actorId: string;
  /** Internal: why the admin decided so. Partners never see it. */
  note?: string | null;
  /** Shown to the partner as the answer to their open appeal, if they sent one. */
  reply?: string | null;
  now?: Date;
};

async function lockCheck(tx: Tx, checkId: string) {
  const [check] = await tx.select().from(fraudChecks).where(eq(fraudChecks.id, checkId)).for("update");
  if (!check) throw new DomainError("NOT_FOUND", "Fraud check not found");
  return check;
}

async function answerAppeals(tx: Tx, checkId: string, reply: string, actorId: string, now: Date) {
  return tx
    .update(fraudAppeals)
    .set({ status: "answered", reply, repliedBy: actorId, repliedAt: now })
    .where(and(eq(fraudAppeals.checkId, checkId), eq(fraudAppeals.status, "open")))
    .returning({ id: fraudAppeals.id });
}

const conversionHref = (conversionId: string) => `/portal/conversions/${conversionId}`;

/**
 * Clears a conversion after review: its fraud status becomes clear, so its commissions can be approved. A
 * conversion the rules rejected earned no commission at the time; clearing it accrues that commission now.
 * A conversion an admin rejected stays rejected: its commissions were reversed, and a correction is a
 * balance adjustment. The decision and that accrual are one transaction: a cleared conversion never lacks its
 * commission.
 */
export async function clearCheck(db: Db, input: ReviewInput) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const check = await lockCheck(tx, input.checkId);
    if (check.reviewStatus === "cleared") throw new DomainError("CONFLICT", "This conversion is already cleared");
    if (check.reviewStatus === "rejected" && check.decidedBy !== null) {
      throw new DomainError("CONFLICT", "An admin rejected this conversion and its commissions were reversed; correct it with a balance adjustment");
    }
    await tx.update(fraudChecks).set({ reviewStatus: "cleared", decidedBy: input.actorId, decidedAt: now, decisionNote: input.note?.trim() || null, updatedAt: now }).where(eq(fraudChecks.id, check.id));
    await tx.update(conversions).set({ fraudStatus: "clear" }).where(eq(conversions.id, check.conversionId));
    const answered = await answerAppeals(tx, check.id, input.reply?.trim() || "Reviewed and cleared: the commission can be approved.", input.actorId, now);
    await notify(
      tx,
      [{ partnerId: check.partnerId, kind: "fraud_cleared", title: "Conversion cleared after review", body: answered.length > 0 ? "Your appeal was answered: the conversion was cleared." : "A conversion held for review was cleared.", href: conversionHref(check.conversionId) }],
      now,
    );
    const accrual = check.action === "reject" ? await accrueCommissionIn(tx, check.conversionId, now) : null;
    return { checkId: check.id, conversionId: check.conversionId, accrual };
  });
}

/**
 * Rejects a conversion after review: its fraud status becomes rejected and every commission it earned (and the
 * overrides paid on them) is reversed, whatever its state. The ledger reason a partner reads names the reason
 * category only; the admin's note stays internal.
 */
export async function rejectCheck(db: Db, input: ReviewInput & { note: string }) {
  const now = input.now ?? new Date();
  const note = input.note.trim();
  if (note.length < 3) throw new DomainError("BAD_REQUEST", "Say why (at least 3 characters)", "note");
  return db.transaction(async (tx) => {
    const check = await lockCheck(tx, input.checkId);
    if (check.reviewStatus === "rejected" && check.decidedBy !== null) throw new DomainError("CONFLICT", "This conversion is already rejected");
    const reason = `Rejected after fraud review: ${partnerReasonText(check.hits)}`;
    await tx.update(fraudChecks).set({ reviewStatus: "rejected", decidedBy: input.actorId, decidedAt: now, decisionNote: note, updatedAt: now }).where(eq(fraudChecks.id, check.id));
    await tx.update(conversions).set({ fraudStatus: "rejected" }).where(eq(conversions.id, check.conversionId));
    const earned = await tx.select({ id: commissions.id }).from(commissions).where(eq(commissions.conversionId, check.conversionId));
    const reversed = await reverseCommissions(tx, { commissionIds: earned.map((c) => c.id), reason, source: "admin", actorId: input.actorId, now, cascade: true });
    await answerAppeals(tx, check.id, input.reply?.trim() || `Reviewed and rejected: ${partnerReasonText(check.hits)}.`, input.actorId, now);
    const partnerIds = new Set([check.partnerId, ...reversed.map((r) => r.partnerId)]);
    await notify(
      tx,
      [...partnerIds].map((partnerId) => ({ partnerId, kind: "fraud_rejected", title: "Conversion rejected after review", body: reason, href: conversionHref(check.conversionId) })),
      now,
    );
    return { checkId: check.id, conversionId: check.conversionId, reversed };
  });
}

/** Answers a partner's appeal without deciding the conversion (e.g. to ask for more information). */
export async function replyToAppeal(db: Db, input: { appealId: string; actorId: string; reply: string; now?: Date }) {
  const now = input.now ?? new Date();
  const [row] = await db
    .update(fraudAppeals)
    .set({ status: "answered", reply: input.reply.trim(), repliedBy: input.actorId, repliedAt: now })
    .where(and(eq(fraudAppeals.id, input.appealId), eq(fraudAppeals.status, "open")))
    .returning({ id: fraudAppeals.id, partnerId: fraudAppeals.partnerId, conversionId: fraudAppeals.conversionId });
  if (!row) throw new DomainError("NOT_FOUND", "No open appeal with this id");
  await notify(db, [{ partnerId: row.partnerId, kind: "fraud_appeal_answered", title: "Your appeal was answered", body: input.reply.trim(), href: conversionHref(row.conversionId) }], now);
  return { appealId: row.id };
}
