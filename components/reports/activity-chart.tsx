"use client";

import { Area, AreaChart, Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesPoint } from "@/server/reports/get-dashboard";

const short = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** Clicks, conversions and earnings per day (the one chart library of the project: Recharts). Drawn at once, not animated, so the page shows the whole series as soon as it opens. */
export function ActivityCharts({ series, currencies }: { series: SeriesPoint[]; currencies: { code: string; digits: number }[] }) {
  // one earnings chart per currency: amounts in different currencies are never drawn on one axis
  const data = series.map((p) => ({
    day: p.day,
    clicks: p.clicks,
    conversions: p.conversions,
    ...Object.fromEntries(currencies.map((c) => [`earnings_${c.code}`, (p.earnings[c.code] ?? 0) / 10 ** c.digits])),
  }));
  const charts = [
    { key: "clicks", title: "Clicks", color: "#2563eb" },
    { key: "conversions", title: "Conversions", color: "#16a34a" },
    ...currencies.map((c) => ({ key: `earnings_${c.code}`, title: `Earnings (${c.code})`, color: "#d97706" })),
  ];
  return (
    <div className="grid gap-4 lg:grid-cols-3" data-testid="activity-charts">
      {charts.map((c) => (
        <figure key={c.key} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <figcaption className="mb-2 text-sm font-medium text-slate-700">{c.title}, last {series.length} days</figcaption>
          <div className="h-44">
            <ResponsiveContainer width="100%" height="100%">
              {c.key === "conversions" ? (
                <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
                  <XAxis dataKey="day" tickFormatter={short} tick={{ fontSize: 11 }} minTickGap={24} />
                  <YAxis tick={{ fontSize: 11 }} allowDecimals={false} />
                  <Tooltip labelFormatter={(l) => short(String(l))} />
                  <Bar dataKey={c.key} fill={c.color} name={c.title} isAnimationActive={false} />
                </BarChart>
              ) : (
                <AreaChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
                  <XAxis dataKey="day" tickFormatter={short} tick={{ fontSize: 11 }} minTickGap={24} />
                  <YAxis tick={{ fontSize: 11 }} allowDecimals={c.key.startsWith("earnings")} />
                  <Tooltip labelFormatter={(l) => short(String(l))} />
                  <Area type="monotone" dataKey={c.key} stroke={c.color} fill={c.color} fillOpacity={0.15} name={c.title} isAnimationActive={false} />
                </AreaChart>
              )}
            </ResponsiveContainer>
          </div>
        </figure>
      ))}
    </div>
  );
}
