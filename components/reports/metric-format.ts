import { formatMoney } from "@/components/format";
import type { Metric } from "@/server/reports/schemas";

type Values = { impressions: number; clicks: number; uniqueClicks: number; conversions: number; conversionRate: number; byEvent: Record<string, number> } & Record<"revenue" | "commissionPending" | "commissionApproved" | "commissionPaid" | "commissionReversed" | "epc" | "margin", Record<string, number>>;

const count = new Intl.NumberFormat("en-US");
export const formatCount = (n: number) => count.format(n);
export const formatRate = (r: number) => `${(r * 100).toFixed(2)}%`;

/** EPC is a fraction of a minor unit per click: shown with two more decimals than the currency has. */
function formatEpc(minor: number, currency: string) {
  const digits = new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits + 2 }).format(minor / 10 ** digits);
}

/** A metric's cell: a number, or one line per currency (never added across currencies). */
export function metricText(v: Values, metric: Metric | `event:${string}`, currencies: string[]): string[] {
  if (metric.startsWith("event:")) return [formatCount(v.byEvent[metric.slice(6)] ?? 0)];
  switch (metric) {
    case "impressions":
    case "clicks":
    case "uniqueClicks":
    case "conversions":
      return [formatCount(v[metric])];
    case "conversionRate":
      return [formatRate(v.conversionRate)];
    case "epc":
      return currencies.filter((c) => v.epc[c] !== undefined).map((c) => formatEpc(v.epc[c] ?? 0, c));
    default: {
      const m = v[metric as "revenue"];
      const lines = currencies.filter((c) => m[c] !== undefined).map((c) => formatMoney(m[c] ?? 0, c));
      return lines.length ? lines : ["—"];
    }
  }
}

/** Change against the previous period, as a signed percentage; null when there was nothing before. */
export function change(current: number, previous: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return (current - previous) / Math.abs(previous);
}

export function numericValue(v: Values, metric: Metric, currency: string | undefined): number {
  const x = v[metric as keyof Values];
  if (typeof x === "number") return x;
  return currency ? ((x as Record<string, number>)[currency] ?? 0) : 0;
}
