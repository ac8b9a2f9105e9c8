import { Fragment } from "react";
import { cn } from "./cn";

export function Stat({ label, value, hint, tone = "neutral" }: { label: string; value: string; hint?: string; tone?: "neutral" | "warning" | "success" | "info" }) {
  const accent = { neutral: "border-t-slate-300", warning: "border-t-amber-400", success: "border-t-green-500", info: "border-t-brand-500" }[tone];
  return (
    <div className={cn("min-w-0 rounded-lg border border-t-4 border-slate-200 bg-white px-3 py-3 shadow-sm sm:px-5 sm:py-4", accent)}>
      <p className="text-xs font-medium break-words text-slate-500 sm:text-sm">{label}</p>
      {/* money is never cut off: a long amount wraps at its thousands separators rather than ending in "…" */}
      <p className="mt-1 text-sm font-semibold tabular-nums text-slate-900 min-[400px]:text-base sm:text-2xl" data-testid="stat-value">
        {value.split(",").map((part, i) => (
          <Fragment key={i}>
            {i > 0 ? (
              <>
                ,<wbr />
              </>
            ) : null}
            {part}
          </Fragment>
        ))}
      </p>
      {hint ? <p className="mt-1 hidden text-xs text-slate-500 sm:block">{hint}</p> : null}
    </div>
  );
}
