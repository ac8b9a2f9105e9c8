import type { Metadata } from "next";
import Link from "next/link";
import { Target } from "lucide-react";
import { formatDateTime, formatMoney } from "@/components/format";
import { LogFilters } from "@/components/reports/log-filters";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { FRAUD_STATUSES } from "@/db/schema";
import { conversionLogInput } from "@/server/reports/list-clicks";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Conversions" };

type Params = Record<"partner" | "offer" | "event" | "fraud" | "from" | "to" | "page", string | undefined>;
const PAGE = 50;

export default async function ConversionsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const sp = await searchParams;
  const page = Math.max(1, Math.min(2000, Number.parseInt(sp.page ?? "1", 10) || 1));
  const parsed = conversionLogInput.safeParse({ partnerId: sp.partner || undefined, offerId: sp.offer || undefined, event: sp.event || undefined, fraudStatus: sp.fraud || undefined, from: sp.from || undefined, to: sp.to || undefined, limit: PAGE, offset: (page - 1) * PAGE });
  const api = await serverCaller();
  const [list, options] = await Promise.all([api.reports.conversions(parsed.success ? parsed.data : { limit: PAGE, offset: 0 }), api.coupons.options()]);
  const qs = (p: number) => `/admin/conversions?${new URLSearchParams(Object.entries({ ...sp, page: String(p) }).filter((e): e is [string, string] => !!e[1])).toString()}`;
  return (
    <>
      <PageHeader title="Conversions" description="Every event your backend reported, newest first. Open one to see its journey and commissions." />
      <Card>
        <LogFilters
          action="/admin/conversions"
          values={sp}
          fields={[
            { name: "partner", label: "Partner", options: options.partners.map((p) => ({ value: p.id, label: p.name })) },
            { name: "offer", label: "Offer", options: options.offers.map((o) => ({ value: o.id, label: o.name })) },
            { name: "event", label: "Event", placeholder: "ftd" },
            { name: "fraud", label: "Fraud status", options: FRAUD_STATUSES.map((f) => ({ value: f, label: f })) },
            { name: "from", label: "From", type: "date" },
            { name: "to", label: "Before", type: "date" },
          ]}
        />
        {!parsed.success ? <p className="px-4 pb-3 text-sm text-red-700">Some filters were not understood and were left out: {parsed.error.issues.map((i) => i.path.join(".")).join(", ")}.</p> : null}
      </Card>
      <Card className="mt-6">
        {list.items.length === 0 ? (
          <EmptyState icon={Target} title="No conversions match">
            Conversions arrive through /api/postback (see Settings for the token) or widen the filters.
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Time</TH>
                <TH>Event</TH>
                <TH className="hidden md:table-cell">Transaction</TH>
                <TH className="text-right">Amount</TH>
                <TH>Partner</TH>
                <TH className="hidden md:table-cell">Offer</TH>
                <TH className="hidden lg:table-cell">Fraud</TH>
                <TH className="hidden lg:table-cell">Click</TH>
              </tr>
            </THead>
            <TBody>
              {list.items.map((v) => (
                <tr key={v.id}>
                  <TD className="whitespace-nowrap">
                    <Link href={`/admin/conversions/${v.id}`} className="font-medium text-brand-600 hover:underline">
                      {formatDateTime(v.occurredAt)}
                    </Link>
                  </TD>
                  <TD>{v.event}</TD>
                  <TD className="hidden max-w-40 truncate font-mono text-xs md:table-cell">{v.txnId}</TD>
                  <TD className="text-right tabular-nums">{v.amount !== null && v.currency ? formatMoney(v.amount, v.currency) : "—"}</TD>
                  <TD>{v.partnerName ?? <span className="text-slate-400">{v.attributionStatus}</span>}</TD>
                  <TD className="hidden md:table-cell">{v.offerName}</TD>
                  <TD className="hidden lg:table-cell">{v.fraudStatus}</TD>
                  <TD className="hidden lg:table-cell">{v.clickId ? <Link href={`/admin/clicks/${v.clickId}`} className="font-mono text-xs text-brand-600 hover:underline">{v.clickId.slice(0, 14)}…</Link> : "—"}</TD>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
        {page > 1 || list.hasMore ? (
          <nav aria-label="Pagination" className="flex justify-end gap-2 border-t border-slate-200 px-4 py-3 text-sm">
            {page > 1 ? <Link href={qs(page - 1)} className="rounded-md border border-slate-300 px-3 py-1">Newer</Link> : null}
            {list.hasMore ? <Link href={qs(page + 1)} className="rounded-md border border-slate-300 px-3 py-1">Older</Link> : null}
          </nav>
        ) : null}
      </Card>
    </>
  );
}
