import type { Metadata } from "next";
import Link from "next/link";
import { SetupChecklist } from "@/components/admin/setup-checklist";
import { formatMoney } from "@/components/format";
import { LiveFeed } from "@/components/reports/live-feed";
import { PerformanceOverview } from "@/components/reports/performance-overview";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { requireAdmin } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminDashboard() {
  const me = await requireAdmin();
  const api = await serverCaller();
  // a manager works with their own partners: the program-wide money and performance are not theirs to see
  const wide = can(me.role, "payouts:manage", "query") && can(me.role, "reports:read", "query");
  const [checklist, applications, queue, balances, performance] = await Promise.all([
    api.programs.checklist(),
    api.admin.partners({ status: "pending", limit: 1, offset: 0 }),
    api.admin.commissions({ status: "pending", limit: 1, offset: 0 }),
    wide ? api.admin.balances() : null,
    wide ? api.reports.dashboard() : null,
  ]);
  return (
    <>
      <PageHeader title="Dashboard" description="What needs your attention across the program." />
      {checklist.complete ? null : <SetupChecklist items={checklist.items} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <Link href="/admin/partners?status=pending" className="block rounded-lg focus-visible:outline-2">
          <Stat label="Applications to review" value={String(applications.total)} tone={applications.total ? "warning" : "neutral"} hint="Partners waiting for approval" />
        </Link>
        <Link href="/admin/commissions?status=pending" className="block rounded-lg">
          <Stat label="Commissions to approve" value={String(queue.total)} tone={queue.total ? "warning" : "neutral"} hint="Pending in the approval queue" />
        </Link>
      </div>
      {performance ? (
        <div className="mt-8">
          <PerformanceOverview dashboard={performance} />
          <LiveFeed />
        </div>
      ) : null}
      {balances ? (
      <Card className="mt-8">
        <CardHeader title="Partner balances" description="Sums of the ledger, per currency. Nothing is converted between currencies." />
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
            {balances.length === 0 ? (
              <tr>
                <TD colSpan={4} className="py-8 text-center text-slate-500">
                  No commissions yet.
                </TD>
              </tr>
            ) : (
              balances.map((b) => (
                <tr key={b.currency}>
                  <TD className="font-medium text-slate-900">{b.currency}</TD>
                  <TD className="text-right tabular-nums">{formatMoney(b.pending, b.currency)}</TD>
                  <TD className="text-right tabular-nums">{formatMoney(b.approved, b.currency)}</TD>
                  <TD className="text-right tabular-nums">{formatMoney(b.paid, b.currency)}</TD>
                </tr>
              ))
            )}
          </TBody>
        </Table>
      </Card>
      ) : null}
    </>
  );
}
