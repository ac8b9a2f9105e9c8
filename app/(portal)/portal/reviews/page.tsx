import type { Metadata } from "next";
import Link from "next/link";
import { ShieldCheck } from "lucide-react";
import { reviewHeadline } from "@/components/fraud/partner-review";
import { formatDateTime } from "@/components/format";
import { PAGE_SIZE } from "@/components/search-params";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const page = Math.max(1, Math.min(10_000, Number.parseInt((await searchParams).page ?? "1", 10) || 1));
  const api = await serverCaller();
  const list = await api.fraud.myReviews({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return (
    <>
      <PageHeader title="Reviews" description="Conversions the program's traffic checks held or rejected, and why. You can appeal each one." />
      <Card>
        {list.items.length === 0 ? (
          <EmptyState icon={ShieldCheck} title="Nothing under review">
            When a conversion is held for review or rejected, it appears here with the reason.
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Date</TH>
                <TH>Offer</TH>
                <TH>Event</TH>
                <TH>Status</TH>
                <TH className="sr-only">Open</TH>
              </tr>
            </THead>
            <TBody>
              {list.items.map((r) => (
                <tr key={r.conversionId} data-testid="review-row">
                  <TD className="whitespace-nowrap">{formatDateTime(r.occurredAt)}</TD>
                  <TD>{r.offerName}</TD>
                  <TD>
                    <span className="font-mono text-xs uppercase">{r.event}</span>
                    <span className="block font-mono text-xs text-slate-500">txn {r.txnId}</span>
                  </TD>
                  <TD>
                    <Badge tone={r.status === "held" ? "warning" : "danger"}>{reviewHeadline(r)}</Badge>
                    {r.openAppeal ? <span className="mt-1 block text-xs text-slate-500">Appeal sent</span> : null}
                  </TD>
                  <TD className="text-right">
                    <Link href={`/portal/conversions/${r.conversionId}`} className="text-sm font-medium text-brand-600 hover:underline">
                      {r.openAppeal ? "View" : "View or appeal"}
                    </Link>
                  </TD>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
        <Pagination total={list.total} page={page} pageSize={PAGE_SIZE} href={(p) => `/portal/reviews?page=${p}`} />
      </Card>
    </>
  );
}
