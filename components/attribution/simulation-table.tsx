import { FlaskConical, Info } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import type { SimulationResult } from "@/server/attribution/simulate";
import { DeltaLines, difference, MoneyLines, sum } from "./money";
import { modelLabel, modelParams, nameOf } from "./models";

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
const round2 = (n: number) => Math.round(n * 100) / 100;
export const formatDuration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

/** One row per partner, one column per model: credited conversions and payout, and the change against the first model. */
export function SimulationTable({ result }: { result: SimulationResult }) {
  if (result.conversions === 0) {
    return (
      <div className="border-t border-slate-200">
        <EmptyState icon={FlaskConical} title="No conversions in this period">
          Pick another period. The simulator uses conversions that have already been decided.
        </EmptyState>
      </div>
    );
  }
  const totals = result.models.map((_, m) => sum(result.partners.map((p) => p.byModel[m]?.amounts ?? {})));
  const dataDrivenFellBack = result.models.some((m) => m.model === "data_driven") && !result.dataDriven.fitId;
  return (
    <div className="border-t border-slate-200" data-testid="simulation-result">
      <div className="flex flex-wrap gap-x-8 gap-y-2 px-5 py-4 text-sm">
        <p>
          <span className="text-slate-500">Conversions in the period</span> <span className="font-semibold tabular-nums text-slate-900">{result.conversions.toLocaleString("en-US")}</span>
        </p>
        <p>
          <span className="text-slate-500">Decided in</span> <span className="font-semibold tabular-nums text-slate-900">{formatDuration(result.tookMs)}</span>
        </p>
        <p className="text-slate-500">Amounts per currency, never converted. Differences against {modelLabel(result.models[0] ?? { model: "last_click" })}.</p>
      </div>
      {dataDrivenFellBack ? (
        <p className="mx-5 mb-4 flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          <Info className="mt-0.5 size-4 shrink-0" aria-hidden />
          Data-driven has no learned weights yet (it needs 100 converting journeys in the last 90 days), so its column fell back to linear.
        </p>
      ) : null}
      <Table>
        <THead>
          <tr>
            <TH>Partner</TH>
            {result.models.map((m, i) => (
              <TH key={i} className="text-right align-bottom">
                <span className="block whitespace-nowrap">{nameOf(m.model)}</span>
                <span className="block font-normal whitespace-nowrap normal-case tracking-normal text-slate-400">{[modelParams(m), i === 0 ? "baseline" : null].filter(Boolean).join(" · ") || "\u00a0"}</span>
              </TH>
            ))}
          </tr>
        </THead>
        <TBody>
          {result.partners.length === 0 ? (
            <tr>
              <TD colSpan={result.models.length + 1} className="py-8 text-center text-slate-500">
                No model credits any partner in this period.
              </TD>
            </tr>
          ) : (
            result.partners.map((p) => (
              <tr key={p.partnerId} data-testid="simulation-row" className="align-top">
                <TD className="min-w-36 font-medium text-slate-900">{p.name}</TD>
                {p.byModel.map((t, m) => (
                  <TD key={m} className="text-right">
                    <MoneyLines amounts={t.amounts} className="font-medium text-slate-900" />
                    <span className="block text-xs whitespace-nowrap text-slate-500" title={`Sum of credit shares: ${round2(t.credit)}`}>
                      {plural(t.conversions, "conversion")}
                    </span>
                    {m > 0 ? <DeltaLines amounts={difference(t.amounts, p.byModel[0]?.amounts ?? {})} /> : null}
                  </TD>
                ))}
              </tr>
            ))
          )}
        </TBody>
        <tfoot className="border-t border-slate-200 bg-slate-50/60">
          <tr className="align-top">
            <TD className="font-semibold text-slate-900">Total payout</TD>
            {totals.map((t, m) => (
              <TD key={m} className="text-right">
                <MoneyLines amounts={t} className="font-semibold text-slate-900" />
                {m > 0 ? <DeltaLines amounts={difference(t, totals[0] ?? {})} /> : null}
              </TD>
            ))}
          </tr>
          <tr>
            <TD className="whitespace-nowrap text-slate-500">Unattributed</TD>
            {result.unattributed.map((n, m) => (
              <TD key={m} className="text-right tabular-nums text-slate-500">
                {n.toLocaleString("en-US")}
              </TD>
            ))}
          </tr>
        </tfoot>
      </Table>
    </div>
  );
}
