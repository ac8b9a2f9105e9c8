import { Target } from "lucide-react";
import { formatDate, formatDateTime, formatMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

type Check = { metric: string; ok: boolean; text: string };
type Current = { programName: string; planName: string; version: number; period: string; closesAt: Date; effect: "cpa" | "bonus"; metSoFar: boolean; checks: Check[]; atStake: string };
type Settled = { id: string; period: string; passed: boolean; amount: number; currency: string; summary: string; createdAt: Date };

/** The partner's KPI deals: this month's figures against each rule, and the months already settled. */
export function KpiProgress({ current, settled }: { current: Current[]; settled: Settled[] }) {
  if (current.length === 0 && settled.length === 0) return null;
  return (
    <Card>
      <CardHeader title="KPI progress" description="Deals that pay when your traffic meets quality targets over a calendar month (UTC). Figures so far; the month settles once its window closes." />
      {current.length === 0 ? (
        <EmptyState icon={Target} title="No KPI deal this month" />
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="kpi-progress">
          {current.map((k) => (
            <li key={`${k.planName}-${k.version}`} className="space-y-2 px-5 py-4">
              <div className="flex flex-wrap items-center gap-2">
                <p className="font-medium text-slate-900">
                  {k.planName} v{k.version} · {k.period}
                </p>
                <Badge tone={k.metSoFar ? "success" : "warning"}>{k.metSoFar ? "On track" : "Not met yet"}</Badge>
              </div>
              <ul className="space-y-1 text-sm">
                {k.checks.map((c) => (
                  <li key={c.metric} className={c.ok ? "text-green-700" : "text-slate-700"}>
                    {c.ok ? "✓" : "•"} {c.text}
                  </li>
                ))}
              </ul>
              <p className="text-xs text-slate-500">
                {k.effect === "cpa" ? `CPAs at stake so far: ${k.atStake}` : `Bonus at stake: ${k.atStake}`} · settles from {formatDate(k.closesAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {settled.length > 0 ? (
        <ol className="divide-y divide-slate-100 border-t border-slate-100" data-testid="kpi-settled">
          {settled.map((s) => (
            <li key={s.id} className="grid gap-1 px-5 py-3 sm:grid-cols-[9rem_minmax(0,1fr)] sm:gap-4">
              <div>
                <p className="text-sm font-medium text-slate-900">{s.period}</p>
                <Badge tone={s.passed ? "success" : "neutral"}>{s.passed ? `Paid ${formatMoney(s.amount, s.currency)}` : "Not met"}</Badge>
              </div>
              <div>
                <p className="text-sm break-words text-slate-700">{s.summary}</p>
                <p className="text-xs text-slate-500">Settled {formatDateTime(s.createdAt)}</p>
              </div>
            </li>
          ))}
        </ol>
      ) : null}
    </Card>
  );
}
