import { cn } from "./cn";

export function Stat({ label, value, hint, tone = "neutral" }: { label: string; value: string; hint?: string; tone?: "neutral" | "warning" | "success" | "info" }) {
  const accent = { neutral: "border-t-slate-300", warning: "border-t-amber-400", success: "border-t-green-500", info: "border-t-brand-500" }[tone];
  return (
    <div className={cn("rounded-lg border border-t-4 border-slate-200 bg-white px-5 py-4 shadow-sm", accent)}>
      <p className="text-sm font-medium text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</p>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}
