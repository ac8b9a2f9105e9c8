import type { Metadata } from "next";
import { ReceiptText } from "lucide-react";
import { CommissionFilters, commissionFilters, filterQuery, type FilterParams } from "@/components/admin/commission-filters";
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

export default async function CommissionsPage({ searchParams }: { searchParams: Promise<{ page?: string; status?: string } & FilterParams> }) {
  const sp = await searchParams;
  const { page, status } = listParams(sp, COMMISSION_STATUSES, "pending");
  const filters = commissionFilters(sp);
  const api = await serverCaller();
  const [list, options] = await Promise.all([
    api.admin.commissions({ status: status === "all" ? undefined : status, ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    api.admin.commissionFilterOptions(),
  ]);
  const query = filterQuery(filters);
  const href = (s: string, p = 1) => `/admin/commissions?status=${s}${query ? `&${query}` : ""}${p > 1 ? `&page=${p}` : ""}`;
  const filtered = query !== "" && query !== `sort=${filters.sort}`;
  return (
    <>
      <PageHeader title="Commissions" description="Approve what you will pay; reject with a reason the partner can read. Open a row to see how its amount was computed." />
      <Card>
        <FilterTabs tabs={TABS} current={status} href={(s) => href(s)} />
        <CommissionFilters status={status} values={filters} offers={options.offers} partners={options.partners} />
        {list.items.length === 0 ? (
          <EmptyState icon={ReceiptText} title={filtered ? "No commissions match these filters" : status === "pending" ? "The queue is empty" : "No commissions here"}>
            {filtered ? "Loosen a filter, or clear them all." : status === "pending" ? "New commissions appear here as conversions are attributed." : null}
          </EmptyState>
        ) : (
          <CommissionQueue key={`${status}-${query}-${page}`} items={list.items} />
        )}
        <Pagination total={list.total} page={page} pageSize={PAGE_SIZE} href={(p) => href(status, p)} />
      </Card>
    </>
  );
}
