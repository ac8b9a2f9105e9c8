import { formatDateTime, formatMoney } from "@/components/format";
import { StatusBadge } from "@/components/status-badge";
import { TD } from "@/components/ui/table";

export type CommissionRow = {
  id: string;
  amount: number;
  currency: string;
  occurredAt: Date;
  offerName: string;
  partnerName: string;
  event: string;
  txnId: string;
  status: string;
  statusReason: string | null;
};

/** Cells shared by the admin queue and the partner's earnings, so both read the same way. */
export function CommissionCells({ c, showPartner }: { c: CommissionRow; showPartner: boolean }) {
  return (
    <>
      <TD className="whitespace-nowrap">{formatDateTime(c.occurredAt)}</TD>
      {showPartner ? <TD className="font-medium text-slate-900">{c.partnerName}</TD> : null}
      <TD>{c.offerName}</TD>
      <TD>
        <span className="font-mono text-xs uppercase">{c.event}</span>
        <span className="block text-xs text-slate-400">txn {c.txnId}</span>
      </TD>
      <TD className="text-right font-medium tabular-nums text-slate-900">{formatMoney(c.amount, c.currency)}</TD>
      <TD>
        <StatusBadge status={c.status} />
        {c.status === "rejected" && c.statusReason ? <span className="mt-1 block text-xs text-slate-500">{c.statusReason}</span> : null}
      </TD>
    </>
  );
}
