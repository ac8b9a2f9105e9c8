import { stringify } from "csv-stringify/sync";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { partners, payoutBatches, payoutBatchPartners } from "@/db/schema";
import { formatMinor } from "@/server/commissions/plans/format";
import { DomainError } from "@/server/errors";
import { safeCell } from "@/server/text";
import { describePayoutDetails } from "./payout-details";

async function batchLines(db: DbOrTx, batchId: string) {
  const [batch] = await db.select().from(payoutBatches).where(eq(payoutBatches.id, batchId));
  if (!batch) throw new DomainError("NOT_FOUND", "payout batch not found");
  const lines = await db
    .select({ partnerId: payoutBatchPartners.partnerId, name: partners.name, amount: payoutBatchPartners.amount, currency: payoutBatchPartners.currency, method: payoutBatchPartners.method, details: payoutBatchPartners.details })
    .from(payoutBatchPartners)
    .innerJoin(partners, eq(partners.id, payoutBatchPartners.partnerId))
    .where(eq(payoutBatchPartners.batchId, batchId))
    .orderBy(partners.name);
  return { batch, lines };
}

/** Every line of a batch, for the operator's bank or accounting: one row per partner with the details copied at batch time. */
export async function batchCsv(db: DbOrTx, batchId: string): Promise<string> {
  const { batch, lines } = await batchLines(db, batchId);
  const rows = lines.map((l) => {
    const d = l.details;
    return [
      batch.id,
      l.partnerId,
      safeCell(l.name),
      formatMinor(BigInt(l.amount), l.currency).replaceAll(",", ""),
      l.currency,
      l.method,
      safeCell(d.method === "bank_transfer" ? d.accountHolder : ""),
      safeCell(d.method === "bank_transfer" ? d.iban : ""),
      safeCell(d.method === "bank_transfer" ? (d.bic ?? "") : ""),
      safeCell(d.method === "paypal" ? d.email : ""),
      safeCell(d.method === "crypto" ? `${d.asset} ${d.network} ${d.address}` : ""),
      safeCell(describePayoutDetails(d)),
    ];
  });
  return stringify([["batch_id", "partner_id", "partner_name", "amount", "currency", "method", "account_holder", "iban", "bic", "paypal_email", "crypto_wallet", "details"], ...rows]);
}

/**
 * An e-mail as PayPal reads it. PayPal parses the file, no spreadsheet evaluates it, and a quote in front of
 * `+payouts@example.com` makes another (non-existent) address, so the payment line fails. A formula needs
 * characters an address of this shape never has (parentheses, quotes, `!`, `|`, `=`), so even a spreadsheet
 * opening the file runs nothing. Anything else was never a valid payout e-mail and is refused, not mangled.
 */
const PLAIN_EMAIL = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;

function paypalEmail(email: string, partnerId: string): string {
  if (!PLAIN_EMAIL.test(email) || /^[=@]/.test(email)) throw new DomainError("BAD_REQUEST", `partner ${partnerId} has a PayPal e-mail PayPal cannot take: ask them to correct their payout details`);
  return email;
}

/**
 * PayPal's mass payment file: no header; per recipient the e-mail, the amount, the currency, a unique id (our
 * partner id, so PayPal refuses a repeated line) and a note. Only the batch's PayPal lines are included.
 */
export async function batchPaypalCsv(db: DbOrTx, batchId: string): Promise<string> {
  const { batch, lines } = await batchLines(db, batchId);
  const rows = lines.flatMap((l) => (l.details.method === "paypal" ? [[paypalEmail(l.details.email, l.partnerId), formatMinor(BigInt(l.amount), l.currency).replaceAll(",", ""), l.currency, l.partnerId, safeCell(`Touchpoint payout ${batch.id}`)]] : []));
  return stringify(rows);
}
