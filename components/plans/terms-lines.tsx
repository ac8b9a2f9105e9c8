import { cn } from "@/components/ui/cn";

/** A plan's terms in words, one component a line ("200.00 USD per FTD"); says so when no plan pays. */
export function TermsLines({ terms, className, empty = "No commission plan assigned" }: { terms: string[]; className?: string; empty?: string }) {
  if (terms.length === 0) return <p className={cn("text-sm text-slate-400", className)}>{empty}</p>;
  return (
    <ul className={cn("space-y-0.5 text-sm", className)} data-testid="terms-lines">
      {terms.map((t) => (
        <li key={t} className="tabular-nums">
          {t}
        </li>
      ))}
    </ul>
  );
}
