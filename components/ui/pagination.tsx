import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";

/** Server-side paging through the URL (?page=N), so every page of a table is linkable. */
/** `label` tells two lists on one page apart for screen readers (and tests). */
export function Pagination({ total, page, pageSize, href, label = "Pagination" }: { total: number; page: number; pageSize: number; href: (page: number) => string; label?: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total === 0) return null;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const linkCls = "inline-flex h-8 items-center gap-1 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-700 hover:bg-slate-50";
  const disabledCls = "inline-flex h-8 items-center gap-1 rounded-md border border-slate-200 px-3 text-sm text-slate-300";
  return (
    <nav aria-label={label} className="flex items-center justify-between border-t border-slate-200 px-4 py-3 text-sm text-slate-500">
      <span>
        {from}–{to} of {total}
      </span>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={linkCls} href={href(page - 1)}>
            <ChevronLeft className="size-4" aria-hidden /> Previous
          </Link>
        ) : (
          <span className={disabledCls}>Previous</span>
        )}
        {page < pages ? (
          <Link className={linkCls} href={href(page + 1)}>
            Next <ChevronRight className="size-4" aria-hidden />
          </Link>
        ) : (
          <span className={disabledCls}>Next</span>
        )}
      </div>
    </nav>
  );
}
