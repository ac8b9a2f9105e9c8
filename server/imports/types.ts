import type { PartnerStatus } from "@/db/schema";

/** The kinds of file an old platform exports; a preset maps the columns of each kind it knows. */
export const FILE_KINDS = ["partners", "conversions", "customers", "coupons"] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** Our fields per kind of file. The generic preset expects these names as its columns unless mapped otherwise. */
export const FIELDS = {
  partners: [
    "id",
    "email",
    "name",
    "first_name",
    "last_name",
    "company",
    "website",
    "country",
    "status",
    "parent_id",
    "code",
    "coupon",
    "paypal_email",
    "iban",
    "account_holder",
    "bic",
    "balance",
    "currency",
    "created_at",
  ],
  conversions: ["id", "partner_id", "customer_id", "event", "amount", "commission", "currency", "occurred_at", "status"],
  customers: ["customer_id", "partner_id", "created_at"],
  coupons: ["code", "partner_id"],
} as const satisfies Record<FileKind, readonly string[]>;
export type Field<K extends FileKind> = (typeof FIELDS)[K][number];

/** Without these a row of the kind cannot be imported; the kind of a file is recognised by them. */
export const REQUIRED: { [K in FileKind]: readonly Field<K>[] } = {
  partners: ["id", "email"],
  conversions: ["id", "partner_id", "occurred_at"],
  customers: ["customer_id", "partner_id"],
  coupons: ["code", "partner_id"],
};

/** Our field -> the file's column header (matched case-insensitively, spaces trimmed). */
export type Mapping<K extends FileKind> = Partial<Record<Field<K>, string>>;

export type KindMapping<K extends FileKind> = {
  columns: Mapping<K>;
  /** Amounts in the file are integer minor units (cents), as some platforms' APIs export them. */
  amountsInMinorUnits?: boolean;
};

export type Preset = {
  label: string;
  /** Where the operator finds the export on the old platform. */
  source: string;
  kinds: { [K in FileKind]?: KindMapping<K> };
  /** The old platform's partner statuses (lower-cased) -> ours; anything not listed becomes "approved". */
  statuses?: Record<string, PartnerStatus>;
  /** Conversion statuses (lower-cased) that mean the sale was voided: such rows are refused, not imported. */
  voidStatuses?: string[];
};

export type RowError = { column: string | null; reason: string };
