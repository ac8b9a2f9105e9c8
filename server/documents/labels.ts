import type { DocumentType } from "@/db/schema";

/** How each document type is named to partners and in the admin (also safe to import in client components). */
export const DOCUMENT_LABELS: Record<DocumentType, string> = {
  identity: "Identity document",
  proof_of_address: "Proof of address",
  w9: "Form W-9",
  w8ben: "Form W-8BEN",
  w8bene: "Form W-8BEN-E",
  company_registration: "Company registration",
  vat_number: "VAT number",
  other: "Other document",
};
