import type { Metadata } from "next";
import Link from "next/link";
import { MousePointerClick } from "lucide-react";
import { formatDateTime } from "@/components/format";
import { LogFilters } from "@/components/reports/log-filters";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { clickLogInput } from "@/server/reports/list-clicks";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Clicks" };

type Params = Record<"partner" | "offer" | "link" | "sub" | "country" | "bot" | "from" | "to" | "page", string | undefined>;
const PAGE = 50;

export default async function ClicksPage({ searchParams }: { searchParams: Promise<Params> }) {
  const sp = await searchParams;
  const page = Math.max(1, Math.min(2000, Number.parseInt(sp.page ?? "1", 10) || 1));
  // unknown or malformed filters are dropped rather than sent on: the page never fails on a hand-edited URL
  const parsed = clickLogInput.safeParse({ partnerId: sp.partner || undefined, offerId: sp.offer || undefined, linkId: sp.link || undefined, sub: sp.sub || undefined, country: sp.country || undefined, bot: sp.bot || undefined, from: sp.from || undefined, to: sp.to || undefined, limit: PAGE, offset: (page - 1) * PAGE });
  const api = await serverCaller();
  const [list, options] = await Promise.all([api.reports.clicks(parsed.success ? parsed.data : { limit: PAGE, offset: 0 }), api.coupons.options()]);
  const qs = (p: number) => `/admin/clicks?${new URLSearchParams(Object.entries({ ...sp, page: String(p) }).filter((e): e is [string, string] => !!e[1])).toString()}`;
  return (
    <>
      <PageHeader title="Clicks" description="Every click as it was recorded: newest first. Open one to see its conversions." />
      <Card>
        <LogFilters
          action="/admin/clicks"
          values={sp}
          fields={[
            { name: "partner", label: "Partner", options: options.partners.map((p) => ({ value: p.id, label: p.name })) },
            { name: "offer", label: "Offer", options: options.offers.map((o) => ({ value: o.id, label: o.name })) },
            { name: "link", label: "Link id", placeholder: "lnk_…" },
            { name: "sub", label: "Sub-ID (any of sub1–sub5)" },
            { name: "country", label: "Country", placeholder: "US" },
            { name: "bot", label: "Bots", options: [{ value: "no", label: "People only" }, { value: "yes", label: "Bots only" }] },
            { name: "from", label: "From", type: "date" },
            { name: "to", label: "Before", type: "date" },
          ]}
        />
        {!parsed.success ? <p className="px-4 pb-3 text-sm text-red-700">Some filters were not understood and were left out: {parsed.error.issues.map((i) => i.path.join(".")).join(", ")}.</p> : null}
      </Card>
      <Card className="mt-6">
        {list.items.length === 0 ? (
          <EmptyState icon={MousePointerClick} title="No clicks match">
            Share a tracking link (partners find theirs in the portal) or widen the filters.
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Time</TH>
                <TH>Partner</TH>
                <TH className="hidden md:table-cell">Offer</TH>
                <TH className="hidden md:table-cell">Link</TH>
                <TH>Country</TH>
                <TH className="hidden lg:table-cell">Device</TH>
                <TH className="hidden lg:table-cell">Sub1</TH>
                <TH className="hidden lg:table-cell">UTM source</TH>
                <TH />
              </tr>
            </THead>
            <TBody>
              {list.items.map((c) => (
                <tr key={c.id}>
                  <TD className="whitespace-nowrap">
                    <Link href={`/admin/clicks/${c.id}`} className="font-medium text-brand-600 hover:underline">
                      {formatDateTime(c.createdAt)}
                    </Link>
                  </TD>
                  <TD>{c.partnerName}</TD>
                  <TD className="hidden md:table-cell">{c.offerName}</TD>
                  <TD className="hidden font-mono text-xs md:table-cell">{c.linkCode}</TD>
                  <TD>{c.country ?? "—"}</TD>
                  <TD className="hidden lg:table-cell">{[c.deviceType, c.os, c.browser].filter(Boolean).join(" · ") || "—"}</TD>
                  <TD className="hidden max-w-40 truncate lg:table-cell">{c.sub1 ?? "—"}</TD>
                  <TD className="hidden lg:table-cell">{c.utmSource ?? "—"}</TD>
                  <TD>{c.isBot ? <Badge tone="warning">bot</Badge> : null}</TD>
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
