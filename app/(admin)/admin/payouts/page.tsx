import type { Metadata } from "next";
import Link from "next/link";
import { Banknote } from "lucide-react";
import { formatDateTime, formatMoney } from "@/components/format";
import { AdjustBalanceDialog } from "@/components/payouts/adjust-balance-dialog";
import { CreateBatchButton } from "@/components/payouts/create-batch-button";
import { PayableTable } from "@/components/payouts/payable-table";
import { PayoutSettingsForm } from "@/components/payouts/payout-settings-form";
import { listParams, PAGE_SIZE } from "@/components/search-params";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import type { PayoutSettings } from "@/db/schema";
import { BUILT_IN_PAYOUT_SETTINGS, thresholdFor } from "@/server/payouts/payout-settings";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Payouts" };

const SCHEDULE = { monthly: "monthly", weekly: "weekly", manual: "manual" } as const;

export default async function PayoutsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const { page } = listParams(await searchParams, [], "all");
  const api = await serverCaller();
  const [balances, batches, programs, options, schedules] = await Promise.all([
    api.admin.balances(),
    api.admin.payoutBatches({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    api.admin.program(),
    api.coupons.options(),
    api.admin.payoutSchedules(),
  ]);
  const [fallback, ...own] = schedules;
  const settings = fallback?.settings ?? BUILT_IN_PAYOUT_SETTINGS;
  const currencies = [...new Set([...balances.map((b) => b.currency), ...programs.flatMap((p) => p.offers.map((o) => o.currency)), ...Object.keys(settings.thresholds)])].sort();
  const payable = await Promise.all(balances.filter((b) => b.approved !== 0).map(async (b) => ({ currency: b.currency, rows: await api.admin.payable({ currency: b.currency }) })));
  const waiting = payable.filter((p) => p.rows.length > 0);
  const describe = (s: PayoutSettings["schedule"]) =>
    s.frequency === "manual" ? "Batches are made by hand only." : `A draft batch is made ${SCHEDULE[s.frequency]}, from ${s.frequency === "monthly" ? `day ${s.day} of the month` : `weekday ${s.day}`} (UTC).`;
  const ownWords = own.length ? ` ${own.map((o) => o.programName).join(", ")} ${own.length === 1 ? "has its" : "have their"} own (on the program's page).` : "";
  return (
    <>
      <PageHeader
        title="Payouts"
        description="Batch approved commissions per currency, approve the batch, pay it, then mark it paid."
        actions={<AdjustBalanceDialog partners={options.partners} currencies={currencies.length ? currencies : ["USD"]} />}
      />
      <div className="space-y-8">
        <Card>
          <CardHeader title="Balances" description="Sums of the ledger per currency. Approved includes batches not yet paid." />
          {balances.length === 0 ? (
            <EmptyState icon={Banknote} title="No commissions yet" />
          ) : (
            <Table>
              <THead>
                <tr>
                  <TH>Currency</TH>
                  <TH className="text-right">Pending</TH>
                  <TH className="text-right">Approved (owed)</TH>
                  <TH className="text-right">Paid</TH>
                </tr>
              </THead>
              <TBody>
                {balances.map((b) => (
                  <tr key={b.currency} data-testid={`balance-${b.currency}`}>
                    <TD className="font-medium text-slate-900">{b.currency}</TD>
                    <TD className="text-right tabular-nums">{formatMoney(b.pending, b.currency)}</TD>
                    <TD className="text-right tabular-nums">{formatMoney(b.approved, b.currency)}</TD>
                    <TD className="text-right tabular-nums">{formatMoney(b.paid, b.currency)}</TD>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
        </Card>

        {waiting.length === 0 ? (
          <Card>
            <CardHeader title="Ready to pay" />
            <EmptyState icon={Banknote} title="Nothing is waiting for payout">
              Approve commissions in the approval queue; partners owed money appear here, per currency.
            </EmptyState>
          </Card>
        ) : (
          waiting.map((p) => (
            <Card key={p.currency} data-testid={`payable-${p.currency}`}>
              <CardHeader
                title={`Ready to pay · ${p.currency}`}
                description="Approved balances not yet in a batch."
                actions={<CreateBatchButton currency={p.currency} disabled={!p.rows.some((r) => r.due)} />}
              />
              <PayableTable rows={p.rows} currency={p.currency} />
            </Card>
          ))
        )}

        <Card>
          <CardHeader title="Batches" description="Draft, then approved, then paid with the payment reference; or failed, which returns the money to the balances." />
          {batches.items.length === 0 ? (
            <EmptyState icon={Banknote} title="No payout batches yet" />
          ) : (
            <Table>
              <THead>
                <tr>
                  <TH>Batch</TH>
                  <TH>Created</TH>
                  <TH className="text-right">Partners</TH>
                  <TH className="text-right">Entries</TH>
                  <TH className="text-right">Total</TH>
                  <TH>Status</TH>
                </tr>
              </THead>
              <TBody>
                {batches.items.map((b) => (
                  <tr key={b.id} data-testid="batch-row">
                    <TD>
                      <Link href={`/admin/payouts/${b.id}`} className="font-mono text-xs font-medium text-brand-600 hover:underline">
                        {b.id}
                      </Link>
                      {b.period ? (
                        <span className="block text-xs text-slate-500">
                          Scheduled · {b.period}
                          {b.programId ? ` · ${programs.find((p) => p.id === b.programId)?.name ?? "a program"}'s own schedule` : ""}
                        </span>
                      ) : null}
                    </TD>
                    <TD className="whitespace-nowrap">{formatDateTime(b.createdAt)}</TD>
                    <TD className="text-right tabular-nums">{b.partnerCount}</TD>
                    <TD className="text-right tabular-nums">{b.itemCount}</TD>
                    <TD className="text-right font-medium whitespace-nowrap tabular-nums text-slate-900">{formatMoney(b.total, b.currency)}</TD>
                    <TD>
                      <StatusBadge status={b.status} />
                      {b.reference ? <span className="mt-1 block text-xs text-slate-500">ref {b.reference}</span> : null}
                      {b.failureReason ? <span className="mt-1 block max-w-xs text-xs text-slate-500">{b.failureReason}</span> : null}
                    </TD>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
          <Pagination total={batches.total} page={page} pageSize={PAGE_SIZE} href={(p) => `/admin/payouts?page=${p}`} />
        </Card>

        <Card>
          <CardHeader title="Default schedule and minimums" description={`${describe(settings.schedule)} Every program follows it unless it has its own.${ownWords}`} />
          <PayoutSettingsForm settings={settings} minimums={Object.fromEntries((currencies.length ? currencies : ["USD"]).map((c) => [c, thresholdFor(settings, c)]))} />
        </Card>
      </div>
    </>
  );
}
