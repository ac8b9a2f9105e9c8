import { Progress } from "@/components/ui/progress";
import type { AttributionRun } from "./use-run";

const STATUS_TEXT = { queued: "Queued…", running: "Running…", done: "Done", failed: "Failed" } as const;

/** Where a background run is: a bar of conversions done of the total, or why it failed. */
export function RunProgress({ run, label }: { run: AttributionRun | undefined; label: string }) {
  const status = run?.status ?? "queued";
  const total = run?.total ?? 0;
  const done = run?.done ?? 0;
  return (
    <div className="space-y-1.5" aria-live="polite" data-testid="run-progress">
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className="font-medium text-slate-700">
          {label}: {STATUS_TEXT[status]}
        </span>
        <span className="tabular-nums text-slate-500">{total > 0 ? `${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} conversions` : status === "done" ? "No conversions" : "Counting conversions…"}</span>
      </div>
      <Progress value={status === "done" ? Math.max(total, 1) : done} max={status === "done" ? Math.max(total, 1) : total} label={`${label} progress`} />
      {status === "failed" ? (
        <p role="alert" className="text-sm text-red-600">
          The run failed: {run?.error ?? "unknown error"}
        </p>
      ) : null}
    </div>
  );
}
