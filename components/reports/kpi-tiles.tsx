import { formatMoney } from "@/components/format";
import type { Dashboard } from "@/server/reports/get-dashboard";
import { change, formatCount, formatRate } from "./metric-format";

const earned = (v: Dashboard["kpis"][number]["current"], c: string) => (v.commissionPending[c] ?? 0) + (v.commissionApproved[c] ?? 0) + (v.commissionPaid[c] ?? 0);

function Delta({ now, before }: { now: number; before: number }) {
  const d = change(now, before);
  if (d === null) return <span className="text-xs text-slate-400">new</span>;
  return <span className={d >= 0 ? "text-xs text-green-700" : "text-xs text-red-700"}>{`${d >= 0 ? "+" : ""}${formatRate(d)}`}</span>;
}

/** Today, 7 and 30 days: clicks, conversions and earnings, each against the period before. */
export function KpiTiles({ dashboard }: { dashboard: Dashboard }) {
  return (
    <div className="grid gap-4 md:grid-cols-3" data-testid="kpi-tiles">
      {dashboard.kpis.map((k) => (
        <div key={k.label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="kpi-tile">
          <p className="text-sm font-medium text-slate-500">{k.label}</p>
          <dl className="mt-2 grid grid-cols-3 gap-2">
            <div>
              <dt className="text-xs text-slate-500">Clicks</dt>
              <dd className="text-lg font-semibold tabular-nums text-slate-900" data-testid="kpi-clicks">
                {formatCount(k.current.clicks)}
              </dd>
              <Delta now={k.current.clicks} before={k.previous.clicks} />
            </div>
            <div>
              <dt className="text-xs text-slate-500">Conversions</dt>
              <dd className="text-lg font-semibold tabular-nums text-slate-900">{formatCount(k.current.conversions)}</dd>
              <Delta now={k.current.conversions} before={k.previous.conversions} />
            </div>
            <div className="min-w-0">
              <dt className="text-xs text-slate-500">Earnings</dt>
              {dashboard.currencies.length === 0 ? <dd className="text-lg font-semibold text-slate-900">—</dd> : null}
              {/* one line per currency, largest first: amounts in different currencies are never added */}
              {dashboard.currencies.map((c) => (
                <dd key={c} data-testid={`earnings-${c}`}>
                  <span className="block truncate text-lg font-semibold tabular-nums text-slate-900">{formatMoney(earned(k.current, c), c)}</span>
                  <Delta now={earned(k.current, c)} before={earned(k.previous, c)} />
                </dd>
              ))}
            </div>
          </dl>
        </div>
      ))}
    </div>
  );
}
