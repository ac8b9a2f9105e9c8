import type { Metadata } from "next";
import Link from "next/link";
import { ReceiptText } from "lucide-react";
import { PartnerCommissionTable } from "@/components/commissions/partner-commission-table";
import { BalanceCards } from "@/components/portal/balance-cards";
import { PerformanceOverview } from "@/components/reports/performance-overview";
import { TrackingLinks } from "@/components/portal/tracking-links";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { config } from "@/server/config";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Dashboard" };

export default async function PortalDashboard() {
  const api = await serverCaller();
  const [balances, links, recent, performance] = await Promise.all([api.partner.balances(), api.partner.links(), api.partner.commissions({ limit: 5, offset: 0 }), api.reports.partnerDashboard()]);
  const base = config().appUrl;
  return (
    <>
      <PageHeader title="Dashboard" description="Your tracking links and what you have earned." />
      <BalanceCards balances={balances} currencies={links.map((l) => l.currency)} />
      <div className="mt-8">
        <PerformanceOverview dashboard={performance} />
      </div>

      <Card className="mt-8">
        <CardHeader
          title="Your tracking links"
          description="Share these links. Add sub1–sub5 to tell your campaigns apart, e.g. ?sub1=newsletter."
          actions={
            <Link href="/portal/links" className="text-sm font-medium text-brand-600 hover:underline">
              Manage links
            </Link>
          }
        />
        <TrackingLinks links={links} baseUrl={base} />
      </Card>

      <Card className="mt-8">
        <CardHeader
          title="Latest commissions"
          actions={
            <Link href="/portal/earnings" className="text-sm font-medium text-brand-600 hover:underline">
              All earnings
            </Link>
          }
        />
        {recent.items.length === 0 ? (
          <EmptyState icon={ReceiptText} title="No commissions yet">
            When someone you referred converts, the commission shows here as pending.
          </EmptyState>
        ) : (
          <PartnerCommissionTable items={recent.items} />
        )}
      </Card>
    </>
  );
}
