import type { Metadata } from "next";
import { Download, Image as ImageIcon } from "lucide-react";
import { CreativeDialog } from "@/components/creatives/creative-dialog";
import { CreativePreview } from "@/components/creatives/creative-preview";
import { CreativeStatusButton } from "@/components/creatives/creative-status-button";
import { KIND_LABELS } from "@/components/creatives/read-file";
import { formatDate } from "@/components/format";
import { PAGE_SIZE } from "@/components/search-params";
import { StatusBadge } from "@/components/status-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Creatives" };

const TABS = [
  { value: "active", label: "Active" },
  { value: "archived", label: "Archived" },
  { value: "all", label: "All" },
];
const DAY_MS = 86_400_000;

export default async function CreativesPage({ searchParams }: { searchParams: Promise<{ status?: string; offerId?: string; page?: string }> }) {
  const sp = await searchParams;
  const status = sp.status === "archived" || sp.status === "all" ? sp.status : "active";
  const offerId = typeof sp.offerId === "string" && sp.offerId.length <= 64 ? sp.offerId : "";
  const page = Math.max(1, Math.min(10_000, Number(sp.page) || 1));
  const api = await serverCaller();
  const [list, options] = await Promise.all([api.creatives.list({ status, offerId: offerId || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), api.creatives.options()]);
  const href = (next: { status?: string; page?: number }) => {
    const q = new URLSearchParams();
    const s = next.status ?? status;
    if (s !== "active") q.set("status", s);
    if (offerId) q.set("offerId", offerId);
    if (next.page && next.page > 1) q.set("page", String(next.page));
    return `/admin/creatives${q.size ? `?${q}` : ""}`;
  };
  return (
    <>
      <PageHeader
        title="Creatives"
        description="Banners, text links, HTML snippets and e-mail swipes partners promote your offers with. Partners copy them with their own tracking link."
        actions={<CreativeDialog offers={options.offers.filter((o) => o.status !== "archived")} groups={options.groups} />}
      />
      <Card>
        <FilterTabs tabs={TABS} current={status} href={(v) => href({ status: v, page: 1 })} />
        <form className="flex flex-wrap items-end gap-2 border-b border-slate-100 px-5 py-3" action="/admin/creatives">
          {status !== "active" ? <input type="hidden" name="status" value={status} /> : null}
          <label className="text-sm text-slate-600" htmlFor="creative-offer">
            Offer
          </label>
          <select id="creative-offer" name="offerId" defaultValue={offerId} className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm">
            <option value="">All offers</option>
            {options.offers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <Button type="submit" size="sm" variant="secondary">
            Filter
          </Button>
        </form>
        {list.items.length === 0 ? (
          <EmptyState icon={ImageIcon} title={list.total === 0 ? "No creatives here" : "No creatives on this page"}>
            {list.total === 0 ? "Add a banner, a text link, an HTML snippet or an e-mail swipe with “New creative”." : null}
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Creative</TH>
                <TH>Offer</TH>
                <TH>Visible to</TH>
                <TH>Dates</TH>
                <TH className="text-right">Impressions</TH>
                <TH className="text-right">Actions</TH>
              </tr>
            </THead>
            <TBody>
              {list.items.map((c) => (
                <tr key={c.id} data-testid="creative-row">
                  <TD>
                    <div className="flex items-start gap-3">
                      <CreativePreview creative={c} />
                      <div className="min-w-0 space-y-1">
                        <p className="font-medium text-slate-900">{c.name}</p>
                        <p className="text-xs text-slate-500">
                          {KIND_LABELS[c.kind]}
                          {c.width && c.height ? ` · ${c.width}×${c.height}` : ""}
                          {c.language ? ` · ${c.language}` : ""}
                          {c.version > 1 ? ` · v${c.version}` : ""}
                        </p>
                        <div className="flex flex-wrap gap-1">
                          {c.status === "archived" ? <StatusBadge status="archived" /> : null}
                          {c.tags.map((t) => (
                            <Badge key={t}>{t}</Badge>
                          ))}
                        </div>
                      </div>
                    </div>
                  </TD>
                  <TD>{c.offerName}</TD>
                  <TD>{c.groups.length ? c.groups.map((g) => g.name).join(", ") : "Everyone on the offer"}</TD>
                  <TD className="whitespace-nowrap text-xs">
                    {c.startsAt || c.endsAt ? `${c.startsAt ? formatDate(c.startsAt) : "…"} – ${c.endsAt ? formatDate(new Date(c.endsAt.getTime() - DAY_MS)) : "…"}` : "Always"}
                  </TD>
                  <TD className="text-right tabular-nums" data-testid="creative-impressions">
                    {c.kind === "image" ? c.impressions.toLocaleString("en-US") : "—"}
                  </TD>
                  <TD>
                    <div className="flex flex-wrap justify-end gap-2">
                      <CreativeDialog offers={options.offers} groups={options.groups} creative={c} />
                      <Button asChild size="sm" variant="secondary">
                        <a href={`/api/creatives/${c.id}/file?download=1`} aria-label={`Download ${c.name}`}>
                          <Download aria-hidden /> Download
                        </a>
                      </Button>
                      <CreativeStatusButton creativeId={c.id} name={c.name} status={c.status} />
                    </div>
                  </TD>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
        <Pagination total={list.total} page={page} pageSize={PAGE_SIZE} href={(p) => href({ page: p })} />
      </Card>
    </>
  );
}
