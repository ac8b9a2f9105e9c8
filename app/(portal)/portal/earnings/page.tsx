import type { Metadata } from "next";
import { BookOpen, ReceiptText } from "lucide-react";
import { PartnerCommissionTable } from "@/components/commissions/partner-commission-table";
import { BalanceCards } from "@/components/portal/balance-cards";
import { LedgerTable } from "@/components/portal/ledger-table";
import { listParams, PAGE_SIZE } from "@/components/search-params";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { COMMISSION_STATUSES } from "@/server/commissions/commission-status";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Earnings" };

const TABS = [
  { value: "all", label: "All" },
  { value: "pending", label: "Pending" },
  { value: "approved", label: "Approved" },
  { value: "paid", label: "Paid" },
  { value: "rejected", label: "Rejected" },
];

export default async function EarningsPage({ searchParams }: { searchParams: Promise<{ page?: string; status?: string; ledger?: string }> }) {
  const sp = await searchParams;
  const { page, status } = listParams(sp, COMMISSION_STATUSES, "all");
  const { page: ledgerPage } = listParams({ page: sp.ledger }, [], "all");
  const api = await serverCaller();
  const [balances, list, ledger] = await Promise.all([
    api.partner.balances(),
    api.partner.commissions({ status: status === "all" ? undefined : status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    api.partner.ledger({ limit: PAGE_SIZE, offset: (ledgerPage - 1) * PAGE_SIZE }),
  ]);
  const href = (s: string, p = 1, l = ledgerPage) => `/portal/earnings?status=${s}${p > 1 ? `&page=${p}` : ""}${l > 1 ? `&ledger=${l}` : ""}`;
  return (
    <>
      <PageHeader title="Earnings" description="Every commission, its status, and the reason when one was rejected. Open a row to see how it was computed." />
      <BalanceCards balances={balances} />
      <Card className="mt-8">
        <FilterTabs tabs={TABS} current={status} href={(s) => href(s, 1, 1)} />
        {list.items.length === 0 ? (
          <EmptyState icon={ReceiptText} title="Nothing here">
            No {status === "all" ? "" : `${status} `}commissions yet.
          </EmptyState>
        ) : (
          <PartnerCommissionTable items={list.items} />
        )}
        <Pagination total={list.total} page={page} pageSize={PAGE_SIZE} href={(p) => href(status, p)} />
      </Card>
      <Card className="mt-8" id="ledger">
        <CardHeader title="Ledger" description="Every change to your balances, one line per commission, newest first. Open a line to see each move with its reason: nothing about your earnings changes without an entry here." />
        {ledger.items.length === 0 ? (
          <EmptyState icon={BookOpen} title="No entries yet" />
        ) : (
          <LedgerTable items={ledger.items} />
        )}
        <Pagination total={ledger.total} page={ledgerPage} pageSize={PAGE_SIZE} href={(l) => `${href(status, page, l)}#ledger`} label="Ledger pages" />
      </Card>
    </>
  );
}
