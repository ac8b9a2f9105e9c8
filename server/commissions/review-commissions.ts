import { inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { rowsOf } from "@/db/client";
import { commissions, ledgerEntries } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { notify } from "@/server/notifications/notify";
import { emitWebhooks, money } from "@/server/webhooks/emit";
import { formatMoney } from "./plans/format";

export type ReviewInput = { commissionIds: string[]; actorId: string | null; reason?: string; now?: Date };
export type ReviewResult = { changed: string[]; skipped: { id: string; status: string; reason?: string }[] };

type Locked = { id: string; partner_id: string; currency: string; last: string | null; pending: string; hold_until: Date | string | null; fraud_status: string | null };

async function lockPending(tx: Tx, ids: string[]) {
  // Row locks serialise concurrent reviewers of the same commission; the state is read after locking.
  await tx.select({ id: commissions.id }).from(commissions).where(inArray(commissions.id, ids)).orderBy(commissions.id).for("update");
  const rows = rowsOf<Locked>(
    await tx.execute(sql`
      select c.id, c.partner_id, c.currency, c.hold_until, v.fraud_status,
        (select le.type from ledger_entries le where le.commission_id = c.id order by le.seq desc limit 1) as last,
        (select coalesce(sum(le.amount), 0) from ledger_entries le where le.commission_id = c.id and le.bucket = 'pending')::text as pending
      from commissions c left join conversions v on v.id = c.conversion_id
      where c.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
      order by c.id`),
  );
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw new DomainError("NOT_FOUND", `commission ${missing[0]} not found`);
  const pending = rows.filter((r) => r.last === "accrual" || r.last === "adjustment");
  const skipped: ReviewResult["skipped"] = rows.filter((r) => !pending.includes(r)).map((r) => ({ id: r.id, status: r.last === "approval" ? "approved" : r.last === "rejection" ? "rejected" : r.last === "payout" ? "paid" : "reversed" }));
  return { pending, skipped };
}

/** Summarises reviewed commissions per partner for their portal notice. */
async function tell(tx: Tx, rows: Locked[], kind: "commission_approved" | "commission_rejected", reason: string, now: Date) {
  const byPartner = new Map<string, Map<string, bigint>>();
  for (const r of rows) {
    const sums = byPartner.get(r.partner_id) ?? new Map<string, bigint>();
    sums.set(r.currency, (sums.get(r.currency) ?? 0n) + BigInt(r.pending));
    byPartner.set(r.partner_id, sums);
  }
  await emitWebhooks(
    tx,
    rows.map((r) => ({
      type: kind === "commission_approved" ? ("commission.approved" as const) : ("commission.rejected" as const),
      data: { commission_id: r.id, partner_id: r.partner_id, ...money(BigInt(r.pending), r.currency), reason },
    })),
    now,
  );
  await notify(
    tx,
    [...byPartner].map(([partnerId, sums]) => {
      const n = rows.filter((r) => r.partner_id === partnerId).length;
      const money = [...sums].map(([c, v]) => formatMoney(v, c)).join(" + ");
      return kind === "commission_approved"
        ? { partnerId, kind, title: `${n} commission${n === 1 ? "" : "s"} approved: ${money}`, body: `Approved for your next payout. ${reason === "approved" ? "" : reason}`.trim(), href: "/portal/earnings?status=approved" }
        : { partnerId, kind, title: `${n} commission${n === 1 ? "" : "s"} rejected: ${money}`, body: `Reason: ${reason}`, href: "/portal/earnings?status=rejected" };
    }),
    now,
  );
}

/**
 * Approves pending commissions: each moves its pending amount to approved as a pair of ledger entries.
 * Skipped, with the reason: commissions whose offer's hold has not ended, and those fraud checks hold or
 * rejected (a flagged one is approvable: the flag is a warning).
 */
export async function approveCommissions(db: Db, input: ReviewInput): Promise<ReviewResult> {
  const reason = input.reason?.trim() || "approved";
  return db.transaction(async (tx) => {
    const { pending, skipped } = await lockPending(tx, input.commissionIds);
    const now = input.now ?? new Date();
    const approvable: Locked[] = [];
    for (const c of pending) {
      const holdUntil = c.hold_until === null ? null : new Date(c.hold_until);
      if (holdUntil && holdUntil.getTime() > now.getTime()) skipped.push({ id: c.id, status: "pending", reason: `on hold until ${holdUntil.toISOString().slice(0, 10)}` });
      else if (c.fraud_status === "held" || c.fraud_status === "rejected") skipped.push({ id: c.id, status: "pending", reason: `fraud review: ${c.fraud_status}` });
      else approvable.push(c);
    }
    const rows = approvable.flatMap((c) => {
      const amount = Number(c.pending);
      const base = { partnerId: c.partner_id, commissionId: c.id, type: "approval" as const, currency: c.currency, reason, source: input.actorId ? ("admin" as const) : ("system" as const), actorId: input.actorId, createdAt: now };
      return [
        { ...base, bucket: "pending" as const, amount: -amount },
        { ...base, bucket: "approved" as const, amount },
      ];
    });
    if (rows.length > 0) {
      await tx.insert(ledgerEntries).values(rows);
      await tell(tx, approvable, "commission_approved", reason, now);
    }
    return { changed: approvable.map((c) => c.id), skipped };
  });
}

/** Rejects pending commissions with a reason the partner will see. The pending amount leaves the ledger. */
export async function rejectCommissions(db: Db, input: ReviewInput): Promise<ReviewResult> {
  const reason = input.reason?.trim();
  if (!reason || reason.length < 3) throw new DomainError("BAD_REQUEST", "a reason of at least 3 characters is required", "reason");
  return db.transaction(async (tx) => {
    const { pending, skipped } = await lockPending(tx, input.commissionIds);
    const now = input.now ?? new Date();
    if (pending.length > 0) {
      await tx.insert(ledgerEntries).values(
        pending.map((c) => ({ partnerId: c.partner_id, commissionId: c.id, type: "rejection" as const, bucket: "pending" as const, amount: -Number(c.pending), currency: c.currency, reason, source: input.actorId ? ("admin" as const) : ("system" as const), actorId: input.actorId, createdAt: now })),
      );
      await tell(tx, pending, "commission_rejected", reason, now);
    }
    return { changed: pending.map((c) => c.id), skipped };
  });
}
