import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { invoiceCounters, partnerBillingDetails, partnerInvoices, partners, payoutBatches, payoutBatchPartners, type InvoiceFields, type InvoiceKind, type OperatorBilling } from "@/db/schema";
import { getOperatorSettings } from "@/server/documents/billing";
import { euVatPrefix, vatFormatError } from "@/server/documents/vat";
import { DomainError, isUniqueViolation } from "@/server/errors";
import { getStatement } from "@/server/payouts/statement";
import { renderInvoicePdf } from "./render-invoice-pdf";

const PREFIX: Record<InvoiceKind, string> = { invoice: "SB", credit_note: "CN" };

/**
 * The next number of the program's series, taken in the caller's transaction: the counter row stays locked
 * until it commits, so concurrent issuers queue, and a rolled-back issue gives its number back (no gaps).
 */
async function nextNumber(tx: DbOrTx, programId: string, kind: InvoiceKind): Promise<{ seq: number; number: string }> {
  const [row] = await tx
    .insert(invoiceCounters)
    .values({ programId, kind, last: 1 })
    .onConflictDoUpdate({ target: [invoiceCounters.programId, invoiceCounters.kind], set: { last: sql`${invoiceCounters.last} + 1` } })
    .returning({ last: invoiceCounters.last });
  const seq = row!.last;
  return { seq, number: `${PREFIX[kind]}-${String(seq).padStart(6, "0")}` };
}

/**
 * The reverse charge applies to a B2B supply between two EU member states: the partner (supplier) is a business
 * with a VAT number in its country's format, and the operator (customer) has a VAT number in another member state.
 */
export function reverseChargeApplies(operator: OperatorBilling | null, partner: { country: string | null; vatNumber: string | null; isBusiness: boolean }): boolean {
  if (!operator?.vatNumber || !partner.vatNumber || !partner.isBusiness || !partner.country) return false;
  const a = euVatPrefix(operator.country);
  const b = euVatPrefix(partner.country);
  return !!a && !!b && a !== b && vatFormatError(partner.country, partner.vatNumber) === null;
}

const LINE_LABEL: Record<string, string> = { reversal: "Reversals netted", adjustment: "Balance adjustments" };

/** The statement's entries summed per offer (commissions) and per kind (reversals, adjustments). */
async function linesOf(tx: DbOrTx, batchId: string, partnerId: string) {
  const s = await getStatement(tx, batchId, partnerId);
  const sums = new Map<string, number>();
  for (const i of s.items) {
    if (i.released) continue;
    const label = i.type === "approval" ? `Commissions: ${i.offerName ?? "offer"}` : (LINE_LABEL[i.type] ?? i.type);
    sums.set(label, (sums.get(label) ?? 0) + i.amount);
  }
  return [...sums].map(([description, amount]) => ({ description, amount }));
}

/**
 * One self-billing invoice per partner line of a paid batch that has none yet, in the caller's transaction
 * (markBatchPaid's): the number, the printed fields and the PDF bytes are stored together and never change.
 */
export async function issueBatchInvoices(tx: DbOrTx, batchId: string, actorId: string | null, now = new Date()): Promise<string[]> {
  const [batch] = await tx.select().from(payoutBatches).where(eq(payoutBatches.id, batchId));
  if (!batch) throw new DomainError("NOT_FOUND", "payout batch not found");
  if (batch.status !== "paid") throw new DomainError("CONFLICT", "invoices are issued when the batch is paid");
  const settings = await getOperatorSettings(tx);
  const lines = await tx
    .select({ line: payoutBatchPartners, name: partners.name, billing: partnerBillingDetails })
    .from(payoutBatchPartners)
    .innerJoin(partners, eq(partners.id, payoutBatchPartners.partnerId))
    .leftJoin(partnerBillingDetails, eq(partnerBillingDetails.partnerId, payoutBatchPartners.partnerId))
    .where(eq(payoutBatchPartners.batchId, batchId))
    .orderBy(partners.name, payoutBatchPartners.partnerId);
  const done = new Set(
    (await tx.select({ partnerId: partnerInvoices.partnerId }).from(partnerInvoices).where(and(eq(partnerInvoices.batchId, batchId), eq(partnerInvoices.kind, "invoice")))).map((r) => r.partnerId),
  );
  const operator = { name: settings.programName, ...(settings.company ?? { legalName: settings.programName, address: "", country: "", vatNumber: null, email: null, registration: null }) };
  const issued: string[] = [];
  for (const { line, name, billing } of lines) {
    if (done.has(line.partnerId)) continue;
    const { seq, number } = await nextNumber(tx, settings.programId, "invoice");
    const partner = { name, legalName: billing?.legalName ?? null, address: billing?.address ?? null, country: billing?.country ?? null, vatNumber: billing?.vatNumber ?? null };
    const fields: InvoiceFields = {
      number,
      kind: "invoice",
      issuedAt: now.toISOString(),
      operator,
      partner,
      lines: await linesOf(tx, batchId, line.partnerId),
      currency: line.currency,
      total: line.amount,
      reverseCharge: reverseChargeApplies(settings.company, { country: partner.country, vatNumber: partner.vatNumber, isBusiness: billing?.isBusiness ?? false }),
      batchId,
      reference: batch.reference,
      creditsNumber: null,
      reason: null,
    };
    const id = newId("partnerInvoice", now.getTime());
    await tx.insert(partnerInvoices).values({ id, programId: settings.programId, kind: "invoice", seq, number, batchId, partnerId: line.partnerId, amount: line.amount, currency: line.currency, fields, pdf: await renderInvoicePdf(fields), issuedBy: actorId, issuedAt: now });
    issued.push(id);
  }
  return issued;
}

/** Invoices for a paid batch that has none (paid before invoicing existed); idempotent. */
export async function issueMissingInvoices(db: Db, batchId: string, actorId: string) {
  return db.transaction(async (tx) => ({ issued: (await issueBatchInvoices(tx, batchId, actorId)).length }));
}

/**
 * A correction: a credit note for the whole of an invoice, with its own number in the credit-note series and
 * the invoice's printed details. The invoice itself is never touched. At most one per invoice.
 */
export async function issueCreditNote(db: Db, input: { invoiceId: string; reason: string; actorId: string; now?: Date }) {
  try {
    return await creditIn(db, input, input.now ?? new Date());
  } catch (err) {
    // two credit notes for one invoice at once: the unique index refuses the second, and its number is rolled back
    if (isUniqueViolation(err, "partner_invoices_credits_uq")) throw new DomainError("CONFLICT", "this invoice was credited at the same time by someone else");
    throw err;
  }
}

async function creditIn(db: Db, input: { invoiceId: string; reason: string; actorId: string }, now: Date) {
  return db.transaction(async (tx) => {
    const [inv] = await tx.select().from(partnerInvoices).where(and(eq(partnerInvoices.id, input.invoiceId), eq(partnerInvoices.kind, "invoice")));
    if (!inv) throw new DomainError("NOT_FOUND", "invoice not found");
    const [existing] = await tx.select({ number: partnerInvoices.number }).from(partnerInvoices).where(eq(partnerInvoices.creditsInvoiceId, inv.id));
    if (existing) throw new DomainError("CONFLICT", `invoice ${inv.number} is already credited by ${existing.number}`);
    const { seq, number } = await nextNumber(tx, inv.programId, "credit_note");
    const fields: InvoiceFields = {
      ...inv.fields,
      number,
      kind: "credit_note",
      issuedAt: now.toISOString(),
      lines: [{ description: `Credit of invoice ${inv.number}`, amount: -inv.amount }],
      total: -inv.amount,
      creditsNumber: inv.number,
      reason: input.reason,
    };
    const id = newId("partnerInvoice", now.getTime());
    await tx.insert(partnerInvoices).values({ id, programId: inv.programId, kind: "credit_note", seq, number, batchId: inv.batchId, partnerId: inv.partnerId, creditsInvoiceId: inv.id, amount: -inv.amount, currency: inv.currency, fields, pdf: await renderInvoicePdf(fields), issuedBy: input.actorId, issuedAt: now });
    return { id, number };
  });
}

const listColumns = { id: partnerInvoices.id, kind: partnerInvoices.kind, number: partnerInvoices.number, batchId: partnerInvoices.batchId, partnerId: partnerInvoices.partnerId, amount: partnerInvoices.amount, currency: partnerInvoices.currency, issuedAt: partnerInvoices.issuedAt, creditsInvoiceId: partnerInvoices.creditsInvoiceId };

/** A partner's own invoices and credit notes, newest first (scoped by their id in the query). */
export async function listPartnerInvoices(db: DbOrTx, partnerId: string) {
  return db.select(listColumns).from(partnerInvoices).where(eq(partnerInvoices.partnerId, partnerId)).orderBy(sql`${partnerInvoices.issuedAt} desc`, sql`${partnerInvoices.number} desc`);
}

/** A batch's invoices and credit notes, for the admin (limited to a manager's partners when scoped). */
export async function listBatchInvoices(db: DbOrTx, batchId: string, managerScope: string | null = null) {
  const rows = await db
    .select({ ...listColumns, partnerName: partners.name })
    .from(partnerInvoices)
    .innerJoin(partners, eq(partners.id, partnerInvoices.partnerId))
    .where(and(eq(partnerInvoices.batchId, batchId), managerScope ? eq(partners.managerUserId, managerScope) : undefined))
    .orderBy(partnerInvoices.kind, partnerInvoices.seq);
  return rows;
}

/** The stored PDF, for its partner (partnerId set) or a team member (partnerId null). */
export async function invoicePdf(db: DbOrTx, invoiceId: string, partnerId: string | null) {
  const [row] = await db
    .select({ pdf: partnerInvoices.pdf, number: partnerInvoices.number })
    .from(partnerInvoices)
    .where(and(eq(partnerInvoices.id, invoiceId), partnerId ? eq(partnerInvoices.partnerId, partnerId) : undefined));
  if (!row) throw new DomainError("NOT_FOUND", "invoice not found");
  return { pdf: row.pdf, fileName: `${row.number}.pdf` };
}
