import { sql } from "drizzle-orm";
import { boolean, char, check, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, currency, id, minorUnits, updatedAt } from "./columns";
import { partners } from "./partners";
import { payoutBatches } from "./payouts";
import { programs, sqlList } from "./programs";
import { users } from "./users";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/** What a partner may be asked for. A `vat_number` is a value on the billing details, checked for format; the rest are files. */
export const DOCUMENT_TYPES = ["identity", "proof_of_address", "w9", "w8ben", "w8bene", "company_registration", "vat_number", "other"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** `all`: every partner; `only`: partners in `countries`; `except`: partners not in `countries` (W-8BEN: everyone but the US). */
export const REQUIREMENT_SCOPES = ["all", "only", "except"] as const;
export type RequirementScope = (typeof REQUIREMENT_SCOPES)[number];

/** A document the operator asks partners of a program for, by country, and whether payouts wait for it. */
export const documentRequirements = pgTable(
  "document_requirements",
  {
    id: id("documentRequirement"),
    programId: text()
      .notNull()
      .references(() => programs.id),
    type: text().$type<DocumentType>().notNull(),
    label: text().notNull(),
    scope: text().$type<RequirementScope>().notNull().default("all"),
    /** ISO 3166-1 alpha-2 codes, upper case. */
    countries: text().array().notNull().default([]),
    /** Payouts are held until an approved, unexpired document of this type is on file. */
    blocksPayouts: boolean().notNull().default(true),
    /** Partners must enter an expiry date (identity documents). */
    expires: boolean().notNull().default(false),
    archivedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    check("document_requirements_type_ck", sql`${t.type} in (${sqlList(DOCUMENT_TYPES)})`),
    check("document_requirements_scope_ck", sql`${t.scope} in (${sqlList(REQUIREMENT_SCOPES)})`),
    // the requirements page and payout gating list a program's live requirements
    index("document_requirements_program_idx").on(t.programId),
  ],
);

/** pending -> approved | rejected; an approved one becomes `replaced` when a newer one of its type is approved. */
export const DOCUMENT_STATUSES = ["pending", "approved", "rejected", "replaced"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** One uploaded file. Its bytes are in file storage, encrypted (server/documents/encryption.ts); never in this table. */
export const partnerDocuments = pgTable(
  "partner_documents",
  {
    id: id("partnerDocument"),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    type: text().$type<DocumentType>().notNull(),
    status: text().$type<DocumentStatus>().notNull().default("pending"),
    /** Storage key of the encrypted bytes; null once the file was deleted after the retention period. */
    storageKey: text(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    /** sha256 of the plaintext, hex: shows the decrypted file is the uploaded one. */
    sha256: text().notNull(),
    /** Which key encrypted it (first 8 bytes of sha256(key), hex), so a rotated key is named in the error. */
    keyId: text().notNull(),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }),
    reviewedBy: text().references(() => users.id),
    reviewedAt: timestamp({ withTimezone: true, mode: "date" }),
    rejectReason: text(),
    /** When it stopped counting (rejected or replaced); an expired one ends at expiresAt. The retention period runs from here. */
    endedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** When the expiry reminder went out (once per document). */
    reminderSentAt: timestamp({ withTimezone: true, mode: "date" }),
    deletedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    check("partner_documents_type_ck", sql`${t.type} in (${sqlList(DOCUMENT_TYPES)})`),
    check("partner_documents_status_ck", sql`${t.status} in (${sqlList(DOCUMENT_STATUSES)})`),
    // a partner's documents page and payout gating (approved per type)
    index("partner_documents_partner_idx").on(t.partnerId, t.type, t.status),
    // the review queue: pending, oldest first
    index("partner_documents_status_idx").on(t.status, t.createdAt),
  ],
);

/** Who the partner is on an invoice: legal name, address and VAT number (self-billing invoices print them). */
export const partnerBillingDetails = pgTable("partner_billing_details", {
  partnerId: text()
    .primaryKey()
    .references(() => partners.id),
  legalName: text().notNull(),
  address: text().notNull(),
  /** ISO 3166-1 alpha-2: decides W-9 / W-8BEN and the reverse charge. */
  country: char({ length: 2 }).notNull(),
  /** Normalised (upper case, no spaces), with its country prefix for EU numbers. */
  vatNumber: text(),
  /** A business (B2B) rather than a private person: the reverse charge applies to businesses only. */
  isBusiness: boolean().notNull().default(false),
  updatedAt: updatedAt(),
});

export type OperatorBilling = { legalName: string; address: string; country: string; vatNumber: string | null; email: string | null; registration: string | null };

/** The operator's details printed on statements, and how long ended documents are kept. One row per program. */
export const operatorBillingSettings = pgTable("operator_billing_settings", {
  programId: text()
    .primaryKey()
    .references(() => programs.id),
  company: jsonb().$type<OperatorBilling>(),
  /** Days a rejected, replaced or expired document is kept before the daily job deletes its file. */
  documentRetentionDays: integer().notNull().default(1825),
  updatedAt: updatedAt(),
});

export const INVOICE_KINDS = ["invoice", "credit_note"] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/** Everything printed on an invoice, kept with it: the PDF is made from this once and never again. */
export type InvoiceFields = {
  number: string;
  kind: InvoiceKind;
  issuedAt: string;
  operator: OperatorBilling & { name: string };
  partner: { name: string; legalName: string | null; address: string | null; country: string | null; vatNumber: string | null };
  lines: { description: string; amount: number }[];
  currency: string;
  total: number;
  reverseCharge: boolean;
  batchId: string;
  reference: string | null;
  creditsNumber: string | null;
  reason: string | null;
};

/**
 * Self-billing invoices and credit notes: one invoice per partner per paid payout, numbered without gaps per
 * program and kind (invoice_counters, taken in the same transaction). Immutable: a trigger refuses UPDATE and
 * DELETE; a correction is a credit note with its own number.
 */
export const partnerInvoices = pgTable(
  "partner_invoices",
  {
    id: id("partnerInvoice"),
    programId: text()
      .notNull()
      .references(() => programs.id),
    kind: text().$type<InvoiceKind>().notNull(),
    seq: integer().notNull(),
    number: text().notNull(),
    batchId: text()
      .notNull()
      .references(() => payoutBatches.id),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    creditsInvoiceId: text(),
    amount: minorUnits().notNull(),
    currency: currency().notNull(),
    fields: jsonb().$type<InvoiceFields>().notNull(),
    pdf: bytea().notNull(),
    issuedBy: text().references(() => users.id),
    issuedAt: createdAt(),
  },
  (t) => [
    check("partner_invoices_kind_ck", sql`${t.kind} in (${sqlList(INVOICE_KINDS)})`),
    uniqueIndex("partner_invoices_seq_uq").on(t.programId, t.kind, t.seq),
    // one invoice per partner per payout
    uniqueIndex("partner_invoices_batch_partner_uq").on(t.batchId, t.partnerId).where(sql`${t.kind} = 'invoice'`),
    // one credit note per invoice (it credits the whole invoice)
    uniqueIndex("partner_invoices_credits_uq").on(t.creditsInvoiceId),
    // a partner's statements page
    index("partner_invoices_partner_idx").on(t.partnerId, t.issuedAt),
  ],
);

/** The next number of each program's invoice series; incremented in the transaction that issues. */
export const invoiceCounters = pgTable(
  "invoice_counters",
  {
    programId: text()
      .notNull()
      .references(() => programs.id),
    kind: text().$type<InvoiceKind>().notNull(),
    last: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.programId, t.kind] })],
);
