import Link from "next/link";
import { cn } from "./cn";

/** Filters as links (?status=...), so a filtered view can be bookmarked and shared. */
export function FilterTabs({ tabs, current, href }: { tabs: { value: string; label: string }[]; current: string; href: (value: string) => string }) {
  return (
    <div role="tablist" aria-label="Filter" className="flex gap-1 overflow-x-auto border-b border-slate-200 px-4">
      {tabs.map((t) => (
        <Link
          key={t.value}
          role="tab"
          aria-selected={t.value === current}
          href={href(t.value)}
          className={cn(
            "-mb-px border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap",
            t.value === current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800",
          )}
        >
          {t.label}
        </Link>
      ))}
    </div>
  );
}
