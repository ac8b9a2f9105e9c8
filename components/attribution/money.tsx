import { formatMoney } from "@/components/format";
import { cn } from "@/components/ui/cn";

export type Amounts = Record<string, number>;

/** The currencies either side has money in, alphabetical: currencies are never added together. */
export const currenciesOf = (...sides: Amounts[]) => [...new Set(sides.flatMap((s) => Object.keys(s)))].sort();

export function difference(after: Amounts, before: Amounts): Amounts {
  return Object.fromEntries(currenciesOf(after, before).map((c) => [c, (after[c] ?? 0) - (before[c] ?? 0)]));
}

export function sum(list: Amounts[]): Amounts {
  const out: Amounts = {};
  for (const a of list) for (const [c, n] of Object.entries(a)) out[c] = (out[c] ?? 0) + n;
  return out;
}

/** One line per currency; a dash when there is no money at all. */
export function MoneyLines({ amounts, className }: { amounts: Amounts; className?: string }) {
  const lines = currenciesOf(amounts).filter((c) => amounts[c] !== 0);
  if (lines.length === 0) return <span className={cn("text-slate-400", className)}>—</span>;
  return (
    <span className={cn("block tabular-nums", className)}>
      {lines.map((c) => (
        <span key={c} className="block whitespace-nowrap">
          {formatMoney(amounts[c] ?? 0, c)}
        </span>
      ))}
    </span>
  );
}

/** A change per currency: green with a plus, red with a minus, nothing for no change. */
export function DeltaLines({ amounts, className }: { amounts: Amounts; className?: string }) {
  const lines = currenciesOf(amounts).filter((c) => amounts[c] !== 0);
  if (lines.length === 0) return <span className={cn("block text-xs text-slate-400", className)}>no change</span>;
  return (
    <span className={cn("block text-xs font-medium tabular-nums", className)}>
      {lines.map((c) => {
        const n = amounts[c] ?? 0;
        return (
          <span key={c} className={cn("block whitespace-nowrap", n > 0 ? "text-green-700" : "text-red-700")}>
            {n > 0 ? "+" : ""}
            {formatMoney(n, c)}
          </span>
        );
      })}
    </span>
  );
}
