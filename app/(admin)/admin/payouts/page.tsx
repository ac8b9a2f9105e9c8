import type { Metadata } from "next";
import { Banknote } from "lucide-react";
import { CreateBatchButton, MarkPaidButton } from "@/components/admin/payout-actions";
import { formatDateTime, formatMoney } from "@/components/format";
import { listParams, PAGE_SIZE } from "@/components/search-params";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Payouts" };

export default async function PayoutsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const { page } = listParams(await searchParams, [], "all");
  const api = await serverCaller();
  const [balances, batches] = await Promise.all([api.admin.balances(), api.admin.payoutBatches({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })]);
  const ready = balances.filter((b) => b.approved > 0);
  return (
    <>
      <PageHeader title="Payouts" description="Batch approved commissions per currency, pay them, then mark the batch paid." />
      <Card>
        <CardHeader title="Ready to pay" description="Approved commissions not yet in a batch." />
        {ready.length === 0 ? (
          <EmptyState icon={Banknote} title="Nothing is waiting for payout">
            Approve commissions in the approval queue; they appear here, per currency.
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Currency</TH>
                <TH className="text-right">Approved, unpaid</TH>
                <TH className="text-right">Action</TH>
              </tr>
            </THead>
            <TBody>
              {ready.map((b) => (
                <tr key={b.currency}>
                  <TD className="font-medium text-slate-900">{b.currency}</TD>
                  <TD className="text-right tabular-nums">{formatMoney(b.approved, b.currency)}</TD>
                  <TD>
                    <div className="flex justify-end">
                      <CreateBatchButton currency={b.currency} />
                    </div>
                  </TD>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      <Card className="mt-8">
        <CardHeader title="Batches" />
        {batches.items.length === 0 ? (
          <EmptyState icon={Banknote} title="No payout batches yet" />
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Batch</TH>
                <TH>Created</TH>
                <TH className="text-right">Partners</TH>
                <TH className="text-right">Commissions</TH>
                <TH className="text-right">Total</TH>
                <TH>Status</TH>
                <TH className="text-right">Action</TH>
              </tr>
            </THead>
            <TBody>
              {batches.items.map((b) => (
                <tr key={b.id} data-testid="batch-row">
                  <TD className="font-mono text-xs">{b.id}</TD>
                  <TD className="whitespace-nowrap">{formatDateTime(b.createdAt)}</TD>
                  <TD className="text-right tabular-nums">{b.partnerCount}</TD>
                  <TD className="text-right tabular-nums">{b.itemCount}</TD>
                  <TD className="text-right font-medium tabular-nums text-slate-900">{formatMoney(b.total, b.currency)}</TD>
                  <TD>
                    <StatusBadge status={b.status} />
                    {b.reference ? <span className="mt-1 block text-xs text-slate-500">ref {b.reference}</span> : null}
                  </TD>
                  <TD>
                    <div className="flex justify-end">{b.status === "draft" ? <MarkPaidButton batchId={b.id} label={`${b.currency} batch`} /> : null}</div>
                  </TD>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
        <Pagination total={batches.total} page={page} pageSize={PAGE_SIZE} href={(p) => `/admin/payouts?page=${p}`} />
      </Card>
    </>
  );
}
