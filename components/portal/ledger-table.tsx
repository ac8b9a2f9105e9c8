import Link from "next/link";
import { formatDateTime, formatMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";

type Entry = { id: string; type: string; bucket: "pending" | "approved" | "paid"; amount: number; currency: string; reason: string; createdAt: Date; payoutBatchId: string | null };

const TYPE_LABEL: Record<string, string> = { accrual: "Earned", approval: "Approved", rejection: "Rejected", reversal: "Reversed", adjustment: "Adjustment", payout: "Paid out" };
const BUCKET_TONE = { pending: "warning", approved: "info", paid: "success" } as const;

/** Every ledger entry: a move between pending, approved and paid is two lines, each with its reason. */
export function LedgerTable({ items }: { items: Entry[] }) {
  return (
    <Table>
      <THead>
        <tr>
          <TH>When</TH>
          <TH>Entry</TH>
          <TH>Reason</TH>
          <TH>Balance</TH>
          <TH className="text-right">Amount</TH>
        </tr>
      </THead>
      <TBody>
        {items.map((e) => (
          <tr key={e.id} data-testid="ledger-row">
            <TD className="whitespace-nowrap">{formatDateTime(e.createdAt)}</TD>
            <TD className="font-medium whitespace-nowrap text-slate-900">{TYPE_LABEL[e.type] ?? e.type}</TD>
            <TD className="min-w-56 text-slate-600">
              {e.reason}
              {e.payoutBatchId && e.type === "payout" ? (
                <Link href={`/portal/payouts/${e.payoutBatchId}`} className="ml-1 whitespace-nowrap text-brand-600 hover:underline">
                  Statement
                </Link>
              ) : null}
            </TD>
            <TD>
              <Badge tone={BUCKET_TONE[e.bucket]}>{e.bucket.charAt(0).toUpperCase() + e.bucket.slice(1)}</Badge>
            </TD>
            <TD className={cn("text-right font-medium whitespace-nowrap tabular-nums", e.amount < 0 ? "text-red-700" : "text-slate-900")}>
              {e.amount > 0 ? "+" : ""}
              {formatMoney(e.amount, e.currency)}
            </TD>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
