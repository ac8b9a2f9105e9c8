import { formatMoney } from "@/components/format";
import { Stat } from "@/components/ui/stat";
import type { Balance } from "@/server/commissions/get-balances";

/** Pending, approved and paid per currency: amounts in different currencies are never added together. */
export function BalanceCards({ balances, currencies = [] }: { balances: Balance[]; currencies?: string[] }) {
  // Currencies the partner can earn in but has no entries for yet show as zero, not as nothing.
  const zero = currencies.filter((c) => !balances.some((b) => b.currency === c)).map((currency) => ({ currency, pending: 0, approved: 0, paid: 0 }));
  const rows = [...balances, ...new Map(zero.map((z) => [z.currency, z])).values()].sort((a, b) => a.currency.localeCompare(b.currency));
  return (
    <div className="space-y-2 sm:space-y-4">
      {rows.map((b) => (
        <div key={b.currency} className="grid grid-cols-3 gap-2 sm:gap-4" data-testid={`balances-${b.currency}`}>
          <Stat label={`Pending (${b.currency})`} value={formatMoney(b.pending, b.currency)} hint="Waiting for approval" tone="warning" />
          <Stat label={`Approved (${b.currency})`} value={formatMoney(b.approved, b.currency)} hint="Will be in the next payout" tone="info" />
          <Stat label={`Paid (${b.currency})`} value={formatMoney(b.paid, b.currency)} hint="Paid out to you" tone="success" />
        </div>
      ))}
    </div>
  );
}
