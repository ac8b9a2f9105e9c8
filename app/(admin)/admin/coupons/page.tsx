import type { Metadata } from "next";
import { TicketPercent } from "lucide-react";
import { CouponStatusButton } from "@/components/admin/coupon-status-button";
import { CreateCouponDialog } from "@/components/admin/create-coupon-dialog";
import { formatDate } from "@/components/format";
import { listParams, PAGE_SIZE } from "@/components/search-params";
import { StatusBadge } from "@/components/status-badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Coupons" };

export default async function CouponsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const { page } = listParams(await searchParams, [], "all");
  const api = await serverCaller();
  const [list, options] = await Promise.all([api.coupons.list({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), api.coupons.options()]);
  return (
    <>
      <PageHeader
        title="Coupons"
        description="Codes your customers enter at sign-up or checkout. A conversion that reports one is credited to its partner, even without a click."
        actions={<CreateCouponDialog partners={options.partners} offers={options.offers} />}
      />
      <Card>
        {list.items.length === 0 ? (
          <EmptyState icon={TicketPercent} title={list.total === 0 ? "No coupons yet" : "No coupons on this page"}>
            {list.total === 0 ? "Give a partner a code with “New coupon”. Your backend reports it on the postback as coupon=CODE." : null}
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Code</TH>
                <TH>Partner</TH>
                <TH>Offer</TH>
                <TH>Created</TH>
                <TH>Status</TH>
                <TH className="text-right">Action</TH>
              </tr>
            </THead>
            <TBody>
              {list.items.map((c) => (
                <tr key={c.id} data-testid="coupon-row">
                  <TD className="font-mono font-semibold text-slate-900">{c.code}</TD>
                  <TD>{c.partnerName}</TD>
                  <TD>{c.offerName}</TD>
                  <TD className="whitespace-nowrap">{formatDate(c.createdAt)}</TD>
                  <TD>
                    <StatusBadge status={c.status} />
                  </TD>
                  <TD>
                    <div className="flex justify-end">
                      <CouponStatusButton couponId={c.id} code={c.code} status={c.status} />
                    </div>
                  </TD>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
        <Pagination total={list.total} page={page} pageSize={PAGE_SIZE} href={(p) => `/admin/coupons?page=${p}`} />
      </Card>
    </>
  );
}
