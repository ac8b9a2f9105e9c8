import { PARTNER_STATUSES, type PartnerStatus, type PayoutDetailsData } from "@/db/schema";
import { payoutDetailsInput } from "@/server/payouts/payout-details";
import { legacyCode } from "@/server/tracking/legacy-link";
import type { ConversionRecord, CouponRecord, CustomerRecord, PartnerRecord, RecordOf } from "./records";
import { FIELDS, REQUIRED, type Field, type FileKind, type KindMapping, type Preset, type RowError } from "./types";
import * as v from "./values";

/** Our field -> its column's position in the file and its header as written there. */
export type ColumnIndex = Map<string, { at: number; header: string }>;

const norm = (h: string) => h.trim().toLowerCase();

/** Where each mapped field sits in the header row; null when a required field's column is missing. */
export function indexColumns<K extends FileKind>(kind: K, mapping: KindMapping<K>["columns"], header: string[]): { index: ColumnIndex; missing: string[] } {
  const positions = new Map(header.map((h, i) => [norm(h), i]));
  const index: ColumnIndex = new Map();
  for (const field of FIELDS[kind] as readonly Field<K>[]) {
    const column = mapping[field];
    if (!column) continue;
    const at = positions.get(norm(column));
    if (at !== undefined) index.set(field, { at, header: header[at]! });
  }
  const missing = (REQUIRED[kind] as readonly Field<K>[]).filter((f) => !index.has(f)).map((f) => mapping[f] ?? f);
  return { index, missing };
}

/** The kind of file a header row is: the kind whose required columns are all there, preferring the one that maps most columns. */
export function detectKind(preset: Preset, header: string[], override?: Record<string, string>): { kind: FileKind; index: ColumnIndex } | null {
  let best: { kind: FileKind; index: ColumnIndex } | null = null;
  for (const [kind, m] of Object.entries(preset.kinds) as [FileKind, KindMapping<FileKind>][]) {
    const { index, missing } = indexColumns(kind, { ...m.columns, ...override }, header);
    if (missing.length === 0 && (!best || index.size > best.index.size)) best = { kind, index };
  }
  return best;
}

export type RowContext = { preset: Preset; kind: FileKind; index: ColumnIndex; minorUnits: boolean; defaultCurrency: string };
type Mapped<T> = { ok: true; record: T } | { ok: false; errors: RowError[] };

/** One row of the file as our record, or every reason it cannot be imported, each naming its column. */
export function mapRow<K extends FileKind>(ctx: RowContext & { kind: K }, cells: string[]): Mapped<RecordOf[K]> {
  const errors: RowError[] = [];
  const col = (field: string) => ctx.index.get(field)?.header ?? field;
  const raw = (field: string): string => {
    const at = ctx.index.get(field)?.at;
    return at === undefined ? "" : (cells[at] ?? "").trim();
  };
  function get<T>(field: string, parse: (s: string) => v.Parsed<T>): T | null;
  function get<T>(field: string, parse: (s: string) => v.Parsed<T>, required: true): T;
  function get<T>(field: string, parse: (s: string) => v.Parsed<T>, required = false): T | null {
    const s = raw(field);
    if (s === "") {
      if (required) errors.push({ column: col(field), reason: "is empty" });
      return null as T;
    }
    const r = parse(s);
    if (!r.ok) {
      errors.push({ column: col(field), reason: r.reason });
      return null as T;
    }
    return r.value;
  }
  const id = (s: string) => v.text(s, 128);
  const currency = get("currency", v.currency) ?? ctx.defaultCurrency;
  const amount = (field: string, allowNegative = false) => get(field, (s) => v.money(s, currency, ctx.minorUnits, allowNegative));

  let record: unknown;
  if (ctx.kind === "partners") {
    const vendorId = get("id", id, true);
    const email = get("email", v.email, true);
    const first = get("first_name", (s) => v.text(s));
    const last = get("last_name", (s) => v.text(s));
    const name = get("name", (s) => v.text(s)) ?? ([first, last].filter(Boolean).join(" ") || (email?.split("@")[0] ?? ""));
    const statusRaw = raw("status").toLowerCase();
    let status: PartnerStatus = "approved";
    if (statusRaw !== "") {
      const mapped = ctx.preset.statuses?.[statusRaw] ?? ((PARTNER_STATUSES as readonly string[]).includes(statusRaw) ? (statusRaw as PartnerStatus) : undefined);
      if (mapped) status = mapped;
      else errors.push({ column: col("status"), reason: `"${raw("status")}" is not a status this preset knows (${Object.keys(ctx.preset.statuses ?? {}).join(", ")})` });
    }
    const codes: string[] = [];
    for (const part of raw("code").split(/[\s,;|]+/).filter(Boolean)) {
      // a whole referral link (https://shop.example/?ref=alice): its code, read as /r/legacy reads old links
      const fromUrl = /^https?:\/\//i.test(part) ? URL.canParse(part) && legacyCode(new URL(part), "") : null;
      const r = fromUrl ? v.linkCode(fromUrl) : fromUrl === false ? ({ ok: false, reason: `no tracking code found in the link "${part}"` } as const) : v.linkCode(part);
      if (r.ok) {
        if (!codes.includes(r.value)) codes.push(r.value);
      } else errors.push({ column: col("code"), reason: r.reason });
    }
    const balance = amount("balance", true);
    const country = raw("country").toUpperCase();
    record = {
      vendorId,
      email,
      name,
      company: get("company", (s) => v.text(s)),
      website: get("website", (s) => v.text(s, 500)),
      // full country names are common in exports; only ISO codes are kept
      country: /^[A-Z]{2}$/.test(country) ? country : null,
      status,
      parentVendorId: get("parent_id", id),
      codes,
      coupon: get("coupon", v.couponCode),
      payout: payoutOf(raw, col, errors),
      balance: balance === null || balance === 0 ? null : { amount: balance, currency },
      createdAt: get("created_at", v.date),
    } satisfies PartnerRecord;
  } else if (ctx.kind === "conversions") {
    const status = raw("status").toLowerCase();
    if (status && ctx.preset.voidStatuses?.includes(status)) errors.push({ column: col("status"), reason: `voided on the old platform ("${raw("status")}")` });
    const event = raw("event").toLowerCase().replace(/[^a-z0-9_]+/g, "_") || "sale";
    record = {
      vendorId: get("id", id, true),
      partnerVendorId: get("partner_id", id, true),
      customerId: get("customer_id", id),
      event: event.slice(0, 40),
      amount: amount("amount"),
      commission: amount("commission", true),
      currency,
      occurredAt: get("occurred_at", v.date, true),
    } satisfies ConversionRecord;
  } else if (ctx.kind === "customers") {
    const customerId = get("customer_id", id, true);
    record = { vendorId: customerId, customerId, partnerVendorId: get("partner_id", id, true), createdAt: get("created_at", v.date) } satisfies CustomerRecord;
  } else {
    const code = get("code", v.couponCode, true);
    record = { vendorId: code, code, partnerVendorId: get("partner_id", id, true) } satisfies CouponRecord;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, record: record as RecordOf[K] };
}

function payoutOf(raw: (f: string) => string, col: (f: string) => string, errors: RowError[]): PayoutDetailsData | null {
  const paypal = raw("paypal_email");
  const iban = raw("iban");
  if (iban) {
    const r = payoutDetailsInput.safeParse({ method: "bank_transfer", accountHolder: raw("account_holder"), iban, bic: raw("bic") });
    if (r.success) return r.data as PayoutDetailsData;
    for (const issue of r.error.issues) errors.push({ column: col(String(issue.path[0] === "accountHolder" ? "account_holder" : (issue.path[0] ?? "iban"))), reason: issue.message });
    return null;
  }
  if (paypal) {
    const r = v.email(paypal);
    if (r.ok) return { method: "paypal", email: r.value };
    errors.push({ column: col("paypal_email"), reason: r.reason });
  }
  return null;
}
