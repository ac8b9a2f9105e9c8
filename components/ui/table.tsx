"use client";

import { useLayoutEffect, useRef, type ComponentProps } from "react";
import { cn } from "./cn";

/** Gives every body cell its column's header text as `data-label`, which the phone layout shows above the cell. */
function labelCells(table: HTMLTableElement) {
  const headers = [...table.querySelectorAll(":scope > thead > tr:first-child > th")].flatMap((th) => Array<string>((th as HTMLTableCellElement).colSpan || 1).fill(th.textContent?.trim() ?? ""));
  for (const row of table.querySelectorAll(":scope > tbody > tr")) {
    let col = 0;
    for (const cell of (row as HTMLTableRowElement).cells) {
      if (!cell.hasAttribute("data-label") || cell.dataset.auto === "1") {
        cell.dataset.label = cell.colSpan > 1 ? "" : (headers[col] ?? "");
        cell.dataset.auto = "1";
      }
      col += cell.colSpan || 1;
    }
  }
}

/**
 * A table that scrolls sideways on a narrow screen, or (`stack`, the default) turns each row into a card of
 * labelled cells below 640 px wide (see `.table-stack` in app/globals.css). A cell may set `data-label` itself.
 */
export function Table({ className, stack = true, ...props }: ComponentProps<"table"> & { stack?: boolean }) {
  const ref = useRef<HTMLTableElement>(null);
  useLayoutEffect(() => {
    const table = ref.current;
    if (!stack || !table) return;
    labelCells(table);
    // rows come and go (expanded details, a refreshed page): label the new ones
    const observer = new MutationObserver(() => labelCells(table));
    observer.observe(table, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [stack]);
  return (
    <div className={stack ? "table-stack overflow-x-auto" : "overflow-x-auto"}>
      <table ref={ref} className={cn("w-full text-left text-sm", className)} {...props} />
    </div>
  );
}
export const THead = (props: ComponentProps<"thead">) => <thead className="border-b border-slate-200 bg-slate-50/60" {...props} />;
export const TBody = (props: ComponentProps<"tbody">) => <tbody className="divide-y divide-slate-100" {...props} />;
export function TH({ className, ...props }: ComponentProps<"th">) {
  return <th scope="col" className={cn("px-4 py-2.5 text-xs font-semibold uppercase tracking-wide text-slate-500", className)} {...props} />;
}
export function TD({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("px-4 py-3 align-middle text-slate-700", className)} {...props} />;
}
