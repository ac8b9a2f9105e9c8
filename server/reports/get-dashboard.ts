import type { DbOrTx } from "@/db/client";
import { runReport, type Money, type ReportScope, type ReportValues } from "./run-report";
import { reportQuerySchema } from "./schemas";
import { EACH_PROGRAMS_ZONE, reportTimeZone } from "./time-zone";
import { DAY_MS } from "@/server/time/days";

export type Kpi = { label: string; from: string; to: string; current: ReportValues; previous: ReportValues };
export type SeriesPoint = { day: string; clicks: number; conversions: number; earnings: Money };
export type Dashboard = { kpis: Kpi[]; series: SeriesPoint[]; currencies: string[]; timeZone: string };

const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** KPI tiles (today, 7 and 30 days against the period before) and a daily series for the charts, from the rollups. */
export async function getDashboard(db: DbOrTx, scope: ReportScope, opts: { now?: Date; days?: number } = {}): Promise<Dashboard> {
  const zone = await reportTimeZone(db, undefined);
  // programs in different zones: "today" is UTC's, and each program's figures are its own days
  const timeZone = zone ?? EACH_PROGRAMS_ZONE;
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: zone ?? "UTC", year: "numeric", month: "2-digit", day: "2-digit" }).format(opts.now ?? new Date());
  const periods = [
    { label: "Today", days: 1 },
    { label: "Last 7 days", days: 7 },
    { label: "Last 30 days", days: 30 },
  ];
  const kpis = await Promise.all(
    periods.map(async (p) => {
      const from = shift(today, 1 - p.days);
      const r = await runReport(db, reportQuerySchema.parse({ from, to: today, compare: true }), scope);
      return { label: p.label, from, to: today, current: r.totals, previous: r.previousTotals ?? r.totals };
    }),
  );
  const days = opts.days ?? 90;
  const from = shift(today, 1 - days);
  const r = await runReport(db, reportQuerySchema.parse({ from, to: today, dimensions: ["day"], sort: { by: "day", dir: "asc" }, pageSize: 1000 }), scope);
  const byDay = new Map(r.rows.map((row) => [row.key.day, row.values]));
  const series: SeriesPoint[] = [];
  for (let i = 0; i < days; i++) {
    const day = shift(from, i);
    const v = byDay.get(day);
    const earnings: Money = {};
    for (const c of r.currencies) earnings[c] = (v?.commissionPending[c] ?? 0) + (v?.commissionApproved[c] ?? 0) + (v?.commissionPaid[c] ?? 0);
    series.push({ day, clicks: v?.clicks ?? 0, conversions: v?.conversions ?? 0, earnings });
  }
  return { kpis, series, currencies: r.currencies, timeZone };
}
