import type { Metadata } from "next";
import Link from "next/link";
import { AlertTriangle, ArrowLeft, Download, FileText } from "lucide-react";
import { DetailList } from "@/components/attribution/explanation";
import { formatDateTime, formatMoney } from "@/components/format";
import { orNotFound } from "@/components/layout/or-not-found";
import { CreditNoteForm, IssueMissingButton } from "@/components/documents/invoice-actions";
import { BatchActions } from "@/components/payouts/batch-actions";
import { METHOD_LABEL } from "@/components/payouts/methods";
import { PayableTable } from "@/components/payouts/payable-table";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Payout batch" };

const NEXT_STEP = {
  draft: "Check the lines, then approve the batch. Nothing is paid until you mark it paid. Refresh the draft to take in what was approved or reversed since it was made.",
  approved: "Pay it with your bank or PayPal (export the file below), then mark it paid with the payment reference.",
  paid: "Paid. Partners see it in their payout history, with their statement.",
  failed: "Failed: nothing was paid, and the amounts went back to the partners' approved balances.",
} as const;

export default async function PayoutBatchPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverCaller();
  const { batch: b, lines, reversed } = await orNotFound(api.admin.payoutBatch({ batchId: id }));
  // While the batch can still change, show who is owed money in its currency but is not in it, and why.
  const open = b.status === "draft" || b.status === "approved";
  const leftOut = open ? (await api.admin.payable({ currency: b.currency })).filter((r) => r.balance > 0 && !r.due) : [];
  const invoices = b.status === "paid" ? await api.invoices.forBatch({ batchId: b.id }) : [];
  const credited = new Set(invoices.map((i) => i.creditsInvoiceId).filter(Boolean));
  const label = `${b.currency} batch`;
  const exportHref = (format: string) => `/api/admin/payouts/${encodeURIComponent(b.id)}/export?format=${format}`;
  const hasPaypal = lines.some((l) => l.method === "paypal");
  const totals = new Map<string, number>();
  for (const l of lines) totals.set(l.currency, (totals.get(l.currency) ?? 0) + l.amount);
  const summary = { partners: b.partnerCount, entries: b.itemCount, totals: [...totals].map(([currency, amount]) => ({ currency, amount })) };
  return (
    <>
      <Link href="/admin/payouts" className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-brand-600 hover:underline">
        <ArrowLeft className="size-4" aria-hidden /> Payouts
      </Link>
      <PageHeader title={`Payout batch · ${b.currency}`} description={NEXT_STEP[b.status]} actions={<BatchActions batchId={b.id} status={b.status} label={label} summary={summary} />} />
      <div className="space-y-8">
        {reversed.length > 0 ? (
          <Card data-testid="reversed-in-batch">
            <CardHeader
              title={b.status === "draft" ? "Reversed since this draft was made" : "Reversed since this batch was approved"}
              description={
                b.status === "draft"
                  ? "Refresh the draft before approving it: the reversals then net these commissions out, so they are not paid."
                  : "This batch still pays them, as approved. Each reversal leaves a negative balance that the partner's next payout nets."
              }
            />
            <Table>
              <THead>
                <tr>
                  <TH>Partner</TH>
                  <TH>Commission</TH>
                  <TH>Why</TH>
                  <TH>Reversed</TH>
                  <TH className="text-right">Amount</TH>
                </tr>
              </THead>
              <TBody>
                {reversed.map((r) => (
                  <tr key={r.commissionId} data-testid="reversed-row">
                    <TD className="min-w-32 font-medium text-slate-900">
                      <span className="inline-flex items-center gap-1.5">
                        <AlertTriangle className="size-4 shrink-0 text-amber-600" aria-hidden /> {r.name}
                      </span>
                    </TD>
                    <TD className="font-mono text-xs">{r.commissionId}</TD>
                    <TD className="max-w-sm text-sm text-slate-700">{r.reason}</TD>
                    <TD className="whitespace-nowrap">{formatDateTime(r.reversedAt)}</TD>
                    <TD className="text-right font-medium whitespace-nowrap tabular-nums text-slate-900">{formatMoney(r.amount, b.currency)}</TD>
                  </tr>
                ))}
              </TBody>
            </Table>
          </Card>
        ) : null}
        <Card>
          <CardHeader title="Summary" />
          <CardBody>
            <DetailList
              items={[
                { label: "Status", value: <StatusBadge status={b.status} /> },
                { label: "Total", value: <span className="text-base font-semibold tabular-nums" data-testid="batch-total">{formatMoney(b.total, b.currency)}</span> },
                { label: "Partners · entries", value: `${b.partnerCount} · ${b.itemCount}` },
                { label: "Batch id", value: <span className="font-mono text-xs">{b.id}</span> },
                { label: "Created", value: `${formatDateTime(b.createdAt)}${b.period ? ` (scheduled, ${b.period})` : ""}` },
                { label: "Approved", value: b.approvedAt ? formatDateTime(b.approvedAt) : <span className="text-slate-400">Not yet</span> },
                { label: b.status === "failed" ? "Failed" : "Paid", value: b.paidAt ? formatDateTime(b.paidAt) : b.failedAt ? formatDateTime(b.failedAt) : <span className="text-slate-400">Not yet</span> },
                { label: b.status === "failed" ? "Reason" : "Payment reference", value: (b.status === "failed" ? b.failureReason : b.reference) ?? <span className="text-slate-400">None yet</span> },
              ]}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Partner lines"
            description="Payout details as they were when the batch was made; a later edit by the partner does not change them."
            actions={
              <div className="flex flex-wrap gap-2">
                <Button asChild variant="secondary" size="sm">
                  <a href={exportHref("csv")} download>
                    <Download aria-hidden /> Export CSV
                  </a>
                </Button>
                {hasPaypal ? (
                  <Button asChild variant="secondary" size="sm">
                    <a href={exportHref("paypal")} download>
                      <Download aria-hidden /> PayPal mass payment
                    </a>
                  </Button>
                ) : null}
              </div>
            }
          />
          <Table>
            <THead>
              <tr>
                <TH>Partner</TH>
                <TH>Method</TH>
                <TH>Paid to</TH>
                <TH className="text-right">Amount</TH>
                <TH className="text-right">Statement</TH>
              </tr>
            </THead>
            <TBody>
              {lines.map((l) => (
                <tr key={l.partnerId} data-testid="batch-line">
                  <TD className="min-w-36 font-medium text-slate-900">{l.name}</TD>
                  <TD className="whitespace-nowrap">{METHOD_LABEL[l.method] ?? l.method}</TD>
                  <TD className="max-w-sm text-xs break-words text-slate-600">{l.paidTo}</TD>
                  <TD className="text-right font-medium whitespace-nowrap tabular-nums text-slate-900">{formatMoney(l.amount, l.currency)}</TD>
                  <TD>
                    <div className="flex justify-end">
                      <Link href={`/admin/payouts/${b.id}/statements/${l.partnerId}`} className="inline-flex items-center gap-1 text-sm font-medium whitespace-nowrap text-brand-600 hover:underline" aria-label={`Statement of ${l.name}`}>
                        <FileText className="size-4" aria-hidden /> Statement
                      </Link>
                    </div>
                  </TD>
                </tr>
              ))}
            </TBody>
          </Table>
        </Card>
        {leftOut.length ? (
          <Card data-testid="left-out">
            <CardHeader title="Not in this batch" description="Owed money in this currency but left out: they are paid by a later batch once the reason is gone." />
            <PayableTable rows={leftOut} currency={b.currency} />
          </Card>
        ) : null}
        {b.status === "paid" ? (
          <Card data-testid="batch-invoices">
            <CardHeader
              title="Self-billing invoices"
              description="Issued when the batch was paid, one per partner, numbered without gaps. They never change: correct one with a credit note."
              actions={invoices.some((i) => i.kind === "invoice") ? null : <IssueMissingButton batchId={b.id} />}
            />
            <Table>
              <THead>
                <tr>
                  <TH>Number</TH>
                  <TH>Partner</TH>
                  <TH className="text-right">Amount</TH>
                  <TH>PDF</TH>
                  <TH>Correction</TH>
                </tr>
              </THead>
              <TBody>
                {invoices.map((i) => (
                  <tr key={i.id}>
                    <TD className="font-medium text-slate-900">
                      {i.number}
                      {i.kind === "credit_note" ? <span className="ml-2 text-xs text-amber-700">credit note</span> : null}
                    </TD>
                    <TD>{i.partnerName}</TD>
                    <TD className="text-right tabular-nums">{formatMoney(i.amount, i.currency)}</TD>
                    <TD>
                      <a href={`/api/invoices/${i.id}`} className="text-brand-600 hover:underline">
                        Download
                      </a>
                    </TD>
                    <TD>{i.kind === "invoice" && !credited.has(i.id) ? <CreditNoteForm invoiceId={i.id} number={i.number} /> : i.kind === "invoice" ? "Credited" : null}</TD>
                  </tr>
                ))}
              </TBody>
            </Table>
          </Card>
        ) : null}
      </div>
    </>
  );
}
