import { History } from "lucide-react";
import { formatDate, formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import type { AttributionRun } from "./use-run";

const TONE = { queued: "warning", running: "info", done: "success", failed: "danger" } as const;
const KIND = { simulate: "Simulation", reattribute: "Re-attribution" } as const;

const text = (v: unknown) => (typeof v === "string" ? v : null);

/** The stored period is [from, to): the last day shown is the one before `to`. */
function period(params: Record<string, unknown>) {
  const from = text(params.from);
  const to = text(params.to);
  if (!from || !to) return "—";
  return `${formatDate(from)} – ${formatDate(new Date(new Date(to).getTime() - 1))}`;
}

function details(run: AttributionRun) {
  if (run.status === "failed") return <span className="text-red-600">{run.error}</span>;
  if (run.kind === "reattribute") {
    const reattributed = typeof run.result?.reattributed === "number" ? run.result.reattributed : null;
    return (
      <>
        {text(run.params.reason) ? <span className="block">“{text(run.params.reason)}”</span> : null}
        {reattributed !== null ? <span className="block text-xs text-slate-500">{reattributed} re-attributed</span> : null}
      </>
    );
  }
  const models = Array.isArray(run.params.models) ? run.params.models.length : 0;
  return <span className="text-slate-500">{models} models compared</span>;
}

/** The program's latest simulations and re-attributions, newest first. */
export function RecentRuns({ runs }: { runs: AttributionRun[] }) {
  if (runs.length === 0) {
    return (
      <EmptyState icon={History} title="No runs yet">
        Simulations and re-attributions you start appear here with their progress.
      </EmptyState>
    );
  }
  return (
    <Table>
      <THead>
        <tr>
          <TH>Kind</TH>
          <TH>Status</TH>
          <TH>Period</TH>
          <TH>Started</TH>
          <TH className="text-right">Progress</TH>
          <TH>Details</TH>
        </tr>
      </THead>
      <TBody>
        {runs.map((r) => (
          <tr key={r.id} data-testid="run-row">
            <TD className="font-medium whitespace-nowrap text-slate-900">{KIND[r.kind]}</TD>
            <TD>
              <Badge tone={TONE[r.status]}>{r.status.charAt(0).toUpperCase() + r.status.slice(1)}</Badge>
            </TD>
            <TD className="whitespace-nowrap">{period(r.params)}</TD>
            <TD className="whitespace-nowrap">{formatDateTime(r.createdAt)}</TD>
            <TD className="text-right whitespace-nowrap tabular-nums">
              {r.done.toLocaleString("en-US")} / {r.total.toLocaleString("en-US")}
            </TD>
            <TD className="max-w-xs text-sm">{details(r)}</TD>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
