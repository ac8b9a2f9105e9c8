import { cn } from "./cn";

/** A determinate progress bar; with nothing counted yet (`max` 0) it pulses instead of sitting at 0%. */
export function Progress({ value, max, label, className }: { value: number; max: number; label: string; className?: string }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max || 100}
      aria-valuenow={max > 0 ? value : undefined}
      className={cn("h-2 w-full overflow-hidden rounded-full bg-slate-100", className)}
    >
      <div className={cn("h-full rounded-full bg-brand-600 transition-[width] duration-300", max === 0 && "w-1/3 animate-pulse bg-brand-500/60")} style={max > 0 ? { width: `${pct}%` } : undefined} />
    </div>
  );
}
