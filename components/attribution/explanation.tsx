import { cn } from "@/components/ui/cn";
import { percent } from "./models";

/** Label/value pairs of a record, in a responsive grid. */
export function DetailList({ items, className }: { items: { label: string; value: React.ReactNode }[]; className?: string }) {
  return (
    <dl className={cn("grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-4", className)}>
      {items.map((i) => (
        <div key={i.label} className="min-w-0">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{i.label}</dt>
          <dd className="mt-1 break-words text-sm text-slate-900">{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function RuleList({ rules }: { rules: string[] }) {
  if (rules.length === 0) return <p className="text-sm text-slate-500">No special rules applied.</p>;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="rules">
      {rules.map((r, i) => (
        <li key={i}>{r.charAt(0).toUpperCase() + r.slice(1)}</li>
      ))}
    </ul>
  );
}

/** A share as a percentage with a small bar, so a journey's weights compare at a glance. */
export function Weight({ value, muted = false }: { value: number; muted?: boolean }) {
  return (
    <span className="inline-flex items-center justify-end gap-2">
      <span className="hidden h-1.5 w-16 overflow-hidden rounded-full bg-slate-100 sm:block" aria-hidden>
        <span className={cn("block h-full rounded-full", muted ? "bg-slate-400" : "bg-brand-500")} style={{ width: `${Math.round(value * 100)}%` }} />
      </span>
      <span className="w-14 text-right font-medium tabular-nums text-slate-900">{percent(value)}</span>
    </span>
  );
}

/** sub1..sub5 that were set, as "sub1 newsletter". */
export function SubIds({ sub }: { sub: (string | null)[] }) {
  const set = sub.map((v, i) => (v ? { key: `sub${i + 1}`, v } : null)).filter((x): x is { key: string; v: string } => x !== null);
  if (set.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {set.map((s) => (
        <span key={s.key} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
          {s.key} {s.v}
        </span>
      ))}
    </span>
  );
}

export const SOURCE_LABEL: Record<string, string> = { s2s: "Server postback", pixel: "Browser pixel" };
