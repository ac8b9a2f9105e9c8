"use client";

import Link from "next/link";
import { ChevronDown, ChevronRight } from "lucide-react";
import { Fragment, useState } from "react";
import { formatDateTime, formatMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";

type Entry = { id: string; type: string; bucket: "pending" | "approved" | "paid"; amount: number; currency: string; reason: string; createdAt: Date; payoutBatchId: string | null };
type Group = { key: string; commissionId: string | null; entries: Entry[] };

const TYPE_LABEL: Record<string, string> = { accrual: "Earned", approval: "Approved", rejection: "Rejected", reversal: "Reversed", adjustment: "Adjustment", payout: "Paid out" };
const BUCKET_TONE = { pending: "warning", approved: "info", paid: "success" } as const;
const bucketLabel = (b: Entry["bucket"]) => b.charAt(0).toUpperCase() + b.slice(1);

/** What a group is worth: a commission's earned amount (its accrual and adjustments), or a lone entry's amount. */
function worth(g: Group): number {
  const earned = g.entries.filter((e) => e.type === "accrual" || e.type === "adjustment");
  return (earned.length ? earned : g.entries.slice(0, 1)).reduce((s, e) => s + e.amount, 0);
}

/**
 * The ledger, one row per commission: its latest change, where its money is now and what it earned. The moves
 * behind it (each a pair of entries between pending, approved and paid) fold out under the row, each with its reason.
 */
export function LedgerTable({ items }: { items: Group[] }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (key: string) => setOpen((s) => (s.has(key) ? new Set([...s].filter((k) => k !== key)) : new Set(s).add(key)));
  return (
    <Table>
      <THead>
        <tr>
          <TH>When</TH>
          <TH>Latest</TH>
          <TH>Reason</TH>
          <TH>Balance</TH>
          <TH className="text-right">Amount</TH>
          <TH className="w-10 px-2">
            <span className="sr-only">History</span>
          </TH>
        </tr>
      </THead>
      <TBody>
        {items.map((g) => {
          const last = g.entries[0];
          if (!last) return null;
          const amount = worth(g);
          const folded = g.entries.length > 1;
          return (
            <Fragment key={g.key}>
              <tr data-testid="ledger-row">
                <TD className="whitespace-nowrap">{formatDateTime(last.createdAt)}</TD>
                <TD className="font-medium whitespace-nowrap text-slate-900">{TYPE_LABEL[last.type] ?? last.type}</TD>
                <TD className="min-w-56 text-slate-600">
                  <EntryReason e={last} />
                </TD>
                <TD>
                  <Badge tone={BUCKET_TONE[last.bucket]}>{bucketLabel(last.bucket)}</Badge>
                </TD>
                <TD className={cn("text-right font-medium whitespace-nowrap tabular-nums", amount < 0 ? "text-red-700" : "text-slate-900")}>
                  {amount > 0 ? "+" : ""}
                  {formatMoney(amount, last.currency)}
                </TD>
                <TD className="w-10 px-2">
                  {folded ? (
                    <button type="button" onClick={() => toggle(g.key)} aria-expanded={open.has(g.key)} aria-label={`${open.has(g.key) ? "Hide" : "Show"} the ${g.entries.length} entries of this commission`} className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800">
                      {open.has(g.key) ? <ChevronDown className="size-4" aria-hidden /> : <ChevronRight className="size-4" aria-hidden />}
                    </button>
                  ) : null}
                </TD>
              </tr>
              {folded && open.has(g.key)
                ? g.entries.map((e) => (
                    <tr key={e.id} data-testid="ledger-entry" className="bg-slate-50/70 text-xs">
                      <TD className="py-2 pl-8 whitespace-nowrap">{formatDateTime(e.createdAt)}</TD>
                      <TD className="py-2 whitespace-nowrap">{TYPE_LABEL[e.type] ?? e.type}</TD>
                      <TD className="py-2 text-slate-600">
                        <EntryReason e={e} />
                      </TD>
                      <TD className="py-2">{bucketLabel(e.bucket)}</TD>
                      <TD className={cn("py-2 text-right whitespace-nowrap tabular-nums", e.amount < 0 ? "text-red-700" : "text-slate-700")}>
                        {e.amount > 0 ? "+" : ""}
                        {formatMoney(e.amount, e.currency)}
                      </TD>
                      <TD className="py-2" />
                    </tr>
                  ))
                : null}
            </Fragment>
          );
        })}
      </TBody>
    </Table>
  );
}

function EntryReason({ e }: { e: Entry }) {
  return (
    <>
      {e.reason}
      {e.payoutBatchId && e.type === "payout" ? (
        <Link href={`/portal/payouts/${e.payoutBatchId}`} className="ml-1 whitespace-nowrap text-brand-600 hover:underline">
          Statement
        </Link>
      ) : null}
    </>
  );
}
