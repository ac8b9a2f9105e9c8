import { FIELDS, type FileKind, type KindMapping, type Preset } from "../types";

const identity = <K extends FileKind>(kind: K): KindMapping<K> => ({ columns: Object.fromEntries(FIELDS[kind].map((f) => [f, f])) as KindMapping<K>["columns"] });

/** Any CSV: columns named as our fields by default; the admin page and `--map` map other names. */
export const generic: Preset = {
  label: "Generic CSV",
  source: "Any spreadsheet saved as CSV with a header row",
  kinds: { partners: identity("partners"), conversions: identity("conversions"), customers: identity("customers"), coupons: identity("coupons") },
  statuses: { active: "approved", approved: "approved", pending: "pending", rejected: "rejected", suspended: "suspended", closed: "closed" },
  voidStatuses: ["voided", "rejected", "refunded"],
};
