import type { Metadata } from "next";
import Link from "next/link";
import { Banknote } from "lucide-react";
import { formatDate, formatMoney } from "@/components/format";
import { METHOD_LABEL } from "@/components/payouts/methods";
import { PayoutDetailsForm } from "@/components/portal/payout-details-form";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { describePayoutDetails } from "@/server/payouts/payout-details";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Payouts" };

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function scheduleWords(schedule: { frequency: "monthly" | "weekly" | "manual"; day: number } | null): string {
  if (!schedule || schedule.frequency === "manual") return "Payouts are sent when the program team runs them.";
  if (schedule.frequency === "weekly") return `Payouts are prepared every week on ${WEEKDAYS[schedule.day - 1] ?? "the set day"} (UTC), then checked and sent.`;
  return `Payouts are prepared every month on day ${schedule.day} (UTC), then checked and sent.`;
}

export default async function PortalPayoutsPage() {
  const api = await serverCaller();
  const [{ details, thresholds, schedule, programs }, payouts] = await Promise.all([api.partner.payoutDetails(), api.partner.payouts()]);
  return (
    <>
      <PageHeader title="Payouts" description="Where we pay you, when, and every payout with its statement." />
      <div className="space-y-8">
        <Card>
          <CardHeader title="Payout details" description={details ? `Currently: ${describePayoutDetails(details)}` : "Not set yet: we cannot pay you until you add them."} />
          <PayoutDetailsForm details={details} />
        </Card>
        <Card>
          <CardHeader title="Schedule and minimum" description={scheduleWords(schedule)} />
          <ul className="grid gap-3 px-5 py-4 sm:grid-cols-3" data-testid="thresholds">
            {thresholds.map((t) => (
              <li key={t.currency} className="rounded-md border border-slate-200 px-4 py-3">
                <p className="text-xs font-medium text-slate-500">Minimum payout ({t.currency})</p>
                <p className="mt-0.5 text-lg font-semibold tabular-nums text-slate-900">{formatMoney(t.minimum, t.currency)}</p>
              </li>
            ))}
          </ul>
          {programs.map((p) => (
            <div key={p.name} className="border-t border-slate-100 px-5 py-4" data-testid="program-payout-terms">
              <p className="text-sm font-medium text-slate-900">{p.name}</p>
              <p className="text-sm text-slate-500">What you earn in this program is paid on its own schedule: {scheduleWords(p.schedule)}</p>
              <ul className="mt-2 flex flex-wrap gap-3">
                {p.thresholds.map((t) => (
                  <li key={t.currency} className="text-sm text-slate-700">
                    Minimum ({t.currency}) <span className="font-semibold tabular-nums text-slate-900">{formatMoney(t.minimum, t.currency)}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <p className="px-5 pb-4 text-sm text-slate-500">An approved balance below the minimum rolls over to the next payout.</p>
        </Card>
        <Card>
          <CardHeader title="Payout history" />
          {payouts.length === 0 ? (
            <EmptyState icon={Banknote} title="No payouts yet">
              Approved commissions are paid in the next payout once your balance reaches the minimum.
            </EmptyState>
          ) : (
            <Table>
              <THead>
                <tr>
                  <TH>Date</TH>
                  <TH>Method</TH>
                  <TH className="text-right">Amount</TH>
                  <TH>Status</TH>
                  <TH className="text-right">Statement</TH>
                </tr>
              </THead>
              <TBody>
                {payouts.map((p) => (
                  <tr key={p.batchId} data-testid="payout-row">
                    <TD className="whitespace-nowrap">{formatDate(p.paidAt ?? p.createdAt)}</TD>
                    <TD>{METHOD_LABEL[p.method] ?? p.method}</TD>
                    <TD className="text-right font-medium whitespace-nowrap tabular-nums text-slate-900">{formatMoney(p.amount, p.currency)}</TD>
                    <TD>
                      <StatusBadge status={p.status === "draft" || p.status === "approved" ? "processing" : p.status} />
                      {p.reference ? <span className="mt-1 block text-xs text-slate-500">ref {p.reference}</span> : null}
                    </TD>
                    <TD>
                      <div className="flex justify-end">
                        <Link href={`/portal/payouts/${p.batchId}`} className="text-sm font-medium whitespace-nowrap text-brand-600 hover:underline">
                          View statement
                        </Link>
                      </div>
                    </TD>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
