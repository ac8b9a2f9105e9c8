import Link from "next/link";
import { formatDateTime, formatMoney } from "@/components/format";
import { StatusBadge } from "@/components/status-badge";
import { TD } from "@/components/ui/table";

export type CommissionRow = {
  id: string;
  conversionId: string;
  amount: number;
  currency: string;
  occurredAt: Date;
  offerName: string;
  partnerName: string;
  event: string;
  txnId: string;
  status: string;
  statusReason: string | null;
  /** The conversion's fraud status: a held one cannot be approved until it is reviewed. */
  fraudStatus?: string | null;
};

/** Cells shared by the admin queue and the partner's earnings, so both read the same way. The transaction id
 * links to the conversion's explanation (the admin's full record, or the partner's own side of it). */
export function CommissionCells({ c, showPartner }: { c: CommissionRow; showPartner: boolean }) {
  const explain = `${showPartner ? "/admin" : "/portal"}/conversions/${c.conversionId}`;
  return (
    <>
      <TD className="whitespace-nowrap">{formatDateTime(c.occurredAt)}</TD>
      {showPartner ? <TD className="font-medium text-slate-900">{c.partnerName}</TD> : null}
      <TD>{c.offerName}</TD>
      <TD>
        <span className="font-mono text-xs uppercase">{c.event}</span>
        <Link href={explain} className="block text-xs whitespace-nowrap text-brand-600 hover:underline" title="Why this conversion was credited" aria-label={`Explain conversion txn ${c.txnId}`}>
          txn {c.txnId}
        </Link>
      </TD>
      <TD className="text-right font-medium tabular-nums text-slate-900">{formatMoney(c.amount, c.currency)}</TD>
      <TD>
        <StatusBadge status={c.status} />
        {c.status === "pending" && (c.fraudStatus === "held" || (showPartner && c.fraudStatus === "flagged")) ? (
          <Link href={showPartner ? `/admin/fraud?view=all` : explain} className="mt-1 block text-xs font-medium whitespace-nowrap text-amber-700 hover:underline">
            {showPartner ? `Fraud check: ${c.fraudStatus}` : "Held for review"}
          </Link>
        ) : null}
        {(c.status === "rejected" || c.status === "reversed") && c.statusReason ? <span className="mt-1 block text-xs text-slate-500">{c.statusReason}</span> : null}
      </TD>
    </>
  );
}
