import type { Metadata } from "next";
import { Users } from "lucide-react";
import { PartnerReviewActions } from "@/components/admin/partner-review-actions";
import { formatDate } from "@/components/format";
import { listParams, PAGE_SIZE } from "@/components/search-params";
import { StatusBadge } from "@/components/status-badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { PARTNER_STATUSES } from "@/db/schema";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Partners" };

const TABS = [
  { value: "pending", label: "Applications" },
  { value: "approved", label: "Approved" },
  { value: "rejected", label: "Rejected" },
  { value: "all", label: "All" },
];

export default async function PartnersPage({ searchParams }: { searchParams: Promise<{ page?: string; status?: string }> }) {
  const { page, status } = listParams(await searchParams, PARTNER_STATUSES, "pending");
  const api = await serverCaller();
  const list = await api.admin.partners({ status: status === "all" ? undefined : status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const href = (s: string, p = 1) => `/admin/partners?status=${s}${p > 1 ? `&page=${p}` : ""}`;
  return (
    <>
      <PageHeader title="Partners" description="Review applications; approved partners get a tracking link for every active offer." />
      <Card>
        <FilterTabs tabs={TABS} current={status} href={(s) => href(s)} />
        {list.items.length === 0 ? (
          <EmptyState icon={Users} title={status === "pending" ? "No applications waiting" : "No partners here"}>
            New applications from the sign-up page appear here.
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Partner</TH>
                <TH>Promotion</TH>
                <TH>Applied</TH>
                <TH>Status</TH>
                <TH className="text-right">Actions</TH>
              </tr>
            </THead>
            <TBody>
              {list.items.map((p) => (
                <tr key={p.id} data-testid="partner-row">
                  <TD>
                    <p className="font-medium text-slate-900">{p.name}</p>
                    <p className="text-xs text-slate-500">{p.email}</p>
                    {p.website ? <p className="text-xs text-slate-500">{p.website}</p> : null}
                  </TD>
                  <TD className="max-w-xs text-xs text-slate-600">{p.promotionMethods ?? "—"}</TD>
                  <TD className="whitespace-nowrap">{formatDate(p.createdAt)}</TD>
                  <TD>
                    <StatusBadge status={p.status} />
                  </TD>
                  <TD>
                    <PartnerReviewActions partnerId={p.id} name={p.name} status={p.status} />
                  </TD>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
        <Pagination total={list.total} page={page} pageSize={PAGE_SIZE} href={(p) => href(status, p)} />
      </Card>
    </>
  );
}
