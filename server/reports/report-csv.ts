import { stringify } from "csv-stringify/sync";
import { formatMinor } from "@/server/commissions/plans/format";
import { safeCell } from "@/server/text";
import { DIMENSION_LABELS } from "./grains";
import type { ReportResult, ReportValues } from "./run-report";

const MONEY = ["revenue", "commissionPending", "commissionApproved", "commissionPaid", "commissionReversed", "margin"] as const;
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const decimal = (minor: number, currency: string) => formatMinor(BigInt(Math.round(minor)), currency).replaceAll(",", "");

/**
 * A report as CSV: text cells (names, sub-IDs, UTM values a visitor typed) are made formula-safe; numbers are
 * plain numerals (money as decimals in its currency, one column per currency) so a spreadsheet sums them.
 */
export function reportCsv(r: ReportResult): string {
  const money = MONEY.filter((m) => r.metrics.includes(m));
  const header = [
    ...r.dimensions.map((d) => DIMENSION_LABELS[d].toLowerCase().replaceAll(" ", "_")),
    "impressions",
    "clicks",
    "unique_clicks",
    "conversions",
    ...r.events.map((e) => `conversions_${e}`),
    "conversion_rate",
    ...r.currencies.flatMap((c) => [...money.map((m) => `${snake(m)}_${c}`), `epc_${c}`]),
  ];
  const line = (first: string[], v: ReportValues) => [
    ...first,
    String(v.impressions),
    String(v.clicks),
    String(v.uniqueClicks),
    String(v.conversions),
    ...r.events.map((e) => String(v.byEvent[e] ?? 0)),
    v.conversionRate.toFixed(4),
    ...r.currencies.flatMap((c) => [...money.map((m) => decimal(v[m][c] ?? 0, c)), decimal(v.epc[c] ?? 0, c)]),
  ];
  const rows = r.rows.map((row) => line(r.dimensions.map((d) => safeCell(row.label[d] ?? row.key[d] ?? "")), row.values));
  const totals = line(r.dimensions.map((_, i) => (i === 0 ? "Total" : "")), r.totals);
  return stringify([header, ...rows, ...(r.dimensions.length ? [totals] : [totals])]);
}

/** The CSV with the file name the download gets. */
export function reportCsvFile(r: ReportResult): { csv: string; filename: string; rows: number } {
  return { csv: reportCsv(r), filename: `report-${r.range.from}-${r.range.to}.csv`, rows: r.rows.length };
}
