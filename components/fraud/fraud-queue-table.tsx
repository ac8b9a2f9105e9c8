import Link from "next/link";
import { MessageSquareWarning } from "lucide-react";
import { formatDateTime, formatMoney } from "@/components/format";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import type { StoredRuleHit } from "@/db/schema";
import { formatSeconds, ruleLabel } from "./labels";
import { ActionBadge, ReviewBadge } from "./verdict-badges";

export type QueueItem = {
  id: string;
  conversionId: string;
  partnerName: string;
  offerName: string;
  event: string;
  txnId: string;
  amount: number | null;
  currency: string | null;
  occurredAt: Date;
  score: number;
  action: "allow" | "flag" | "hold" | "reject";
  reviewStatus: "open" | "cleared" | "rejected";
  decidedBy: string | null;
  hits: StoredRuleHit[];
  clickIp: string | null;
  ctitSeconds: number | null;
  openAppeal: boolean;
};

/** The review queue: each conversion with its verdict, the rules that fired, and a link to the evidence. */
export function FraudQueueTable({ items }: { items: QueueItem[] }) {
  return (
    <Table>
      <THead>
        <tr>
          <TH>Conversion</TH>
          <TH>Partner</TH>
          <TH>Verdict</TH>
          <TH>Rules that fired</TH>
          <TH>Click</TH>
          <TH>Review</TH>
          <TH className="sr-only">Open</TH>
        </tr>
      </THead>
      <TBody>
        {items.map((i) => (
          <tr key={i.id} data-testid="fraud-row">
            <TD className="whitespace-nowrap">
              <span className="font-mono text-xs uppercase">{i.event}</span>
              {i.amount !== null && i.currency ? <span className="ml-2 tabular-nums text-slate-900">{formatMoney(i.amount, i.currency)}</span> : null}
              <span className="block text-xs text-slate-500">{formatDateTime(i.occurredAt)}</span>
              <span className="block font-mono text-xs text-slate-500">txn {i.txnId}</span>
            </TD>
            <TD>
              <span className="font-medium text-slate-900">{i.partnerName}</span>
              <span className="block text-xs text-slate-500">{i.offerName}</span>
            </TD>
            <TD>
              <ActionBadge action={i.action} score={i.score} />
            </TD>
            <TD className="max-w-72">
              {i.hits.length === 0 ? <span className="text-slate-400">None</span> : <span className="text-sm">{i.hits.map((h) => ruleLabel(h.code)).join(", ")}</span>}
            </TD>
            <TD className="whitespace-nowrap">
              <span className="font-mono text-xs">{i.clickIp ?? "—"}</span>
              <span className="block text-xs text-slate-500">{i.ctitSeconds === null ? "no click" : `converted after ${formatSeconds(i.ctitSeconds)}`}</span>
            </TD>
            <TD className="whitespace-nowrap">
              <ReviewBadge status={i.reviewStatus} byRules={i.decidedBy === null} />
              {i.openAppeal ? (
                <span className="mt-1 flex items-center gap-1 text-xs font-medium text-amber-700">
                  <MessageSquareWarning className="size-3.5" aria-hidden /> Appeal waiting
                </span>
              ) : null}
            </TD>
            <TD className="text-right">
              <Link href={`/admin/fraud/${i.id}`} className="text-sm font-medium text-brand-600 hover:underline" aria-label={`Review conversion of ${i.partnerName} (${i.event})`}>
                Review
              </Link>
            </TD>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
