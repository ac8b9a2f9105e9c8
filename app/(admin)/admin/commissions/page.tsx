import type { Metadata } from "next";
import { ReceiptText } from "lucide-react";
import { CommissionQueue } from "@/components/admin/commission-queue";
import { listParams, PAGE_SIZE } from "@/components/search-params";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { COMMISSION_STATUSES } from "@/server/commissions/commission-status";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Commissions" };

const TABS = [
  { value: "pending", label: "Approval queue" },
  { value: "approved", label: "Approved" },
  { value: "paid", label: "Paid" },
  { value: "rejected", label: "Rejected" },
  { value: "all", label: "All" },
];

export default async function CommissionsPage({ searchParams }: { searchParams: Promise<{ page?: string; status?: string }> }) {
  const { page, status } = listParams(await searchParams, COMMISSION_STATUSES, "pending");
  const api = await serverCaller();
  const list = await api.admin.commissions({ status: status === "all" ? undefined : status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const href = (s: string, p = 1) => `/admin/commissions?status=${s}${p > 1 ? `&page=${p}` : ""}`;
  return (
    <>
      <PageHeader title="Commissions" description="Approve what you will pay; reject with a reason the partner can read." />
      <Card>
        <FilterTabs tabs={TABS} current={status} href={(s) => href(s)} />
        {list.items.length === 0 ? (
          <EmptyState icon={ReceiptText} title={status === "pending" ? "The queue is empty" : "No commissions here"}>
            {status === "pending" ? "New commissions appear here as conversions are attributed." : null}
          </EmptyState>
        ) : (
          <CommissionQueue items={list.items} />
        )}
        <Pagination total={list.total} page={page} pageSize={PAGE_SIZE} href={(p) => href(status, p)} />
      </Card>
    </>
  );
}
