import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ledgerEntries, partners } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { notify } from "@/server/notifications/notify";
import { formatMoney } from "./plans/format";

/**
 * A manual correction of a partner's approved balance (a bonus, a settlement of a dispute, a clawback): one
 * appended entry with the admin's reason, which the partner sees. Negative amounts reduce what the next
 * payout pays.
 */
export async function adjustBalance(db: Db, input: { partnerId: string; currency: string; amount: number; reason: string; actorId: string; now?: Date }) {
  const reason = input.reason.trim();
  if (reason.length < 3) throw new DomainError("BAD_REQUEST", "Give a reason the partner will see", "reason");
  if (!Number.isSafeInteger(input.amount) || input.amount === 0) throw new DomainError("BAD_REQUEST", "Enter a non-zero amount", "amount");
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [partner] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, input.partnerId));
    if (!partner) throw new DomainError("NOT_FOUND", "Partner not found", "partnerId");
    const [entry] = await tx
      .insert(ledgerEntries)
      .values({ partnerId: input.partnerId, type: "adjustment", bucket: "approved", amount: input.amount, currency: input.currency, reason, source: "admin", actorId: input.actorId, createdAt: now })
      .returning({ id: ledgerEntries.id });
    const money = formatMoney(BigInt(input.amount), input.currency);
    await notify(tx, [{ partnerId: input.partnerId, kind: "adjustment", title: `Balance adjusted: ${money}`, body: `Reason: ${reason}`, href: "/portal/earnings" }], now);
    return { entryId: entry!.id };
  });
}
