import type { Metadata } from "next";
import Link from "next/link";
import { Link2, ReceiptText } from "lucide-react";
import { PartnerCommissionTable } from "@/components/commissions/partner-commission-table";
import { formatMoney } from "@/components/format";
import { BalanceCards } from "@/components/portal/balance-cards";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { config } from "@/server/config";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Dashboard" };

export default async function PortalDashboard() {
  const api = await serverCaller();
  const [balances, links, recent] = await Promise.all([api.partner.balances(), api.partner.links(), api.partner.commissions({ limit: 5, offset: 0 })]);
  const base = config().appUrl;
  return (
    <>
      <PageHeader title="Dashboard" description="Your tracking links and what you have earned." />
      <BalanceCards balances={balances} currencies={links.map((l) => l.currency)} />

      <Card className="mt-8">
        <CardHeader title="Your tracking links" description="Share these links. Add sub1–sub5 to tell your campaigns apart, e.g. ?sub1=newsletter." />
        {links.length === 0 ? (
          <EmptyState icon={Link2} title="No links yet">
            The program has no active offers for you yet.
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Offer</TH>
                <TH>You earn</TH>
                <TH>Tracking link</TH>
              </tr>
            </THead>
            <TBody>
              {links.map((l) => {
                const url = `${base}/r/${l.code}`;
                return (
                  <tr key={l.linkId}>
                    <TD>
                      <p className="font-medium text-slate-900">{l.offerName}</p>
                      {l.offerDescription ? <p className="text-xs text-slate-500">{l.offerDescription}</p> : null}
                    </TD>
                    <TD className="whitespace-nowrap">
                      <span className="font-medium tabular-nums text-slate-900">{formatMoney(l.cpaAmount, l.currency)}</span>
                      <span className="block text-xs text-slate-500">
                        per <span className="uppercase">{l.commissionEvent}</span> · {l.windowDays}-day cookie
                      </span>
                    </TD>
                    <TD>
                      <div className="flex items-center gap-2">
                        <code className="truncate rounded bg-slate-100 px-2 py-1 text-xs text-slate-800" data-testid="tracking-link">
                          {url}
                        </code>
                        <CopyButton value={url} />
                      </div>
                    </TD>
                  </tr>
                );
              })}
            </TBody>
          </Table>
        )}
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
