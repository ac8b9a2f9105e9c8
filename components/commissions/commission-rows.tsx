import Link from "next/link";
import { ChevronDown, ChevronRight } from "lucide-react";
import { formatDate, formatDateTime, formatMoney } from "@/components/format";
import { StatusBadge } from "@/components/status-badge";
import { Badge } from "@/components/ui/badge";
import { TD } from "@/components/ui/table";

export type CommissionLine = { component: string; basis: string; amount: number };

export type CommissionRow = {
  id: string;
  kind: "event" | "override" | "settlement" | "kpi";
  /** Null for an NGR settlement, which covers a month of conversions. */
  conversionId: string | null;
  amount: number;
  currency: string;
  /** The conversion's time (a settlement's accrual): the date shown, sorted and filtered by. */
  occurredAt: Date;
  createdAt: Date;
  offerName: string;
  partnerName: string;
  event: string | null;
  txnId: string | null;
  status: string;
  statusReason: string | null;
  lines: CommissionLine[];
  holdUntil: Date | null;
  /** The conversion's fraud status: a held one cannot be approved until it is reviewed. */
  fraudStatus: string | null;
};

const FRAUD_TONE = { flagged: "warning", held: "danger", rejected: "danger" } as const;
const COMPONENT_LABEL: Record<string, string> = { cpa: "CPA", revshare: "Revenue share", lots: "Lots", ngr: "NGR", override: "Override", credit: "Attribution share" };

export const isOnHold = (c: Pick<CommissionRow, "holdUntil" | "status">, now = new Date()) => c.status === "pending" && c.holdUntil !== null && new Date(c.holdUntil).getTime() > now.getTime();

/** Cells shared by the admin queue and the partner's earnings, so both read the same way. The transaction id
 * links to the conversion's explanation (the admin's full record, or the partner's own side of it). */
export function CommissionCells({ c, showPartner }: { c: CommissionRow; showPartner: boolean }) {
  const explain = c.conversionId ? `${showPartner ? "/admin" : "/portal"}/conversions/${c.conversionId}` : null;
  return (
    <>
      <TD className="whitespace-nowrap">{formatDateTime(c.occurredAt)}</TD>
      {showPartner ? <TD className="min-w-32 font-medium text-slate-900">{c.partnerName}</TD> : null}
      <TD className="min-w-36">{c.offerName}</TD>
      <TD>
        {c.kind === "settlement" || c.kind === "kpi" ? (
          <span className="text-xs font-medium text-slate-700">{c.kind === "kpi" ? "KPI settlement" : "NGR settlement"}</span>
        ) : (
          <>
            <span className="font-mono text-xs uppercase">{c.event}</span>
            {c.kind === "override" ? <span className="ml-1.5 text-xs text-slate-500">override</span> : null}
            {explain && (showPartner || c.kind === "event") ? (
              <Link href={explain} className="block text-xs whitespace-nowrap text-brand-600 hover:underline" title="Why this conversion was credited" aria-label={`Explain conversion txn ${c.txnId}`}>
                txn {c.txnId}
              </Link>
            ) : null}
          </>
        )}
      </TD>
      <TD className="text-right font-medium tabular-nums text-slate-900">{formatMoney(c.amount, c.currency)}</TD>
      <TD className="min-w-32">
        <div className="flex flex-wrap items-center gap-1">
          <StatusBadge status={c.status} />
          {showPartner && c.fraudStatus && c.fraudStatus !== "clear" ? (
            <Link href="/admin/fraud?view=all" className="rounded hover:opacity-80" title="Open the fraud queue">
              <Badge tone={FRAUD_TONE[c.fraudStatus as keyof typeof FRAUD_TONE] ?? "warning"}>Fraud: {c.fraudStatus}</Badge>
            </Link>
          ) : null}
        </div>
        {isOnHold(c) && c.holdUntil ? <span className="mt-1 block text-xs text-amber-700">On hold until {formatDate(c.holdUntil)}</span> : null}
        {!showPartner && c.status === "pending" && c.fraudStatus === "held" && explain ? (
          <Link href={explain} className="mt-1 block text-xs font-medium whitespace-nowrap text-amber-700 hover:underline">
            Held for review
          </Link>
        ) : null}
        {(c.status === "rejected" || c.status === "reversed") && c.statusReason ? <span className="mt-1 block text-xs text-slate-500">{c.statusReason}</span> : null}
      </TD>
    </>
  );
}

/** The button that opens a commission's computation under its row. */
export function ExpandCell({ open, onToggle, label }: { open: boolean; onToggle: () => void; label: string }) {
  return (
    <TD className="w-10 px-2">
      <button type="button" onClick={onToggle} aria-expanded={open} aria-label={`${open ? "Hide" : "Show"} how ${label} was computed`} className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800">
        {open ? <ChevronDown className="size-4" aria-hidden /> : <ChevronRight className="size-4" aria-hidden />}
      </button>
    </TD>
  );
}

/** How a commission was computed, line by line: what each plan component paid and on what basis. */
export function CommissionLines({ c, colSpan }: { c: CommissionRow; colSpan: number }) {
  return (
    <tr className="bg-slate-50/70" data-testid="commission-lines">
      <td colSpan={colSpan} className="px-4 py-3">
        {c.lines.length === 0 ? (
          <p className="text-xs text-slate-500">No computation recorded for this commission{c.kind === "event" ? " (accrued before commission plans)" : ""}.</p>
        ) : (
          <table className="w-full max-w-2xl text-xs">
            <caption className="pb-1.5 text-left text-xs font-semibold text-slate-700">How this amount was computed</caption>
            <tbody className="divide-y divide-slate-200">
              {c.lines.map((l, i) => (
                <tr key={`${l.component}-${i}`}>
                  <td className="py-1.5 pr-4 font-medium whitespace-nowrap text-slate-700">{COMPONENT_LABEL[l.component] ?? l.component}</td>
                  <td className="py-1.5 pr-4 text-slate-600">{l.basis}</td>
                  <td className="py-1.5 text-right font-medium whitespace-nowrap tabular-nums text-slate-900">{formatMoney(l.amount, c.currency)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t border-slate-300">
                <td colSpan={2} className="py-1.5 pr-4 font-semibold text-slate-700">
                  Commission
                </td>
                <td className="py-1.5 text-right font-semibold tabular-nums text-slate-900">{formatMoney(c.amount, c.currency)}</td>
              </tr>
            </tfoot>
          </table>
        )}
      </td>
    </tr>
  );
}
