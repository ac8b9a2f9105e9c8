import type { Metadata } from "next";
import { Plus, Search, Tag } from "lucide-react";
import Link from "next/link";
import { VISIBILITY_LABELS } from "@/components/offers/labels";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { OFFER_STATUSES, type OfferStatus } from "@/db/schema/programs";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Offers" };

const TABS = [
  { value: "", label: "Live" },
  { value: "active", label: "Active" },
  { value: "paused", label: "Paused" },
  { value: "archived", label: "Archived" },
];

export default async function OffersPage({ searchParams }: { searchParams: Promise<{ q?: string; status?: string }> }) {
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q.slice(0, 120) : "";
  const status = (OFFER_STATUSES as readonly string[]).includes(sp.status ?? "") ? (sp.status as OfferStatus) : undefined;
  const api = await serverCaller();
  const [offers, programs] = await Promise.all([api.offers.list({ q: q || undefined, status }), api.programs.list()]);
  const hasProgram = programs.some((p) => p.status === "active");
  const href = (s: string) => `/admin/offers?${new URLSearchParams({ ...(q ? { q } : {}), ...(s ? { status: s } : {}) })}`;
  const newButton = hasProgram ? (
    <Button asChild>
      <Link href="/admin/offers/new">
        <Plus aria-hidden /> New offer
      </Link>
    </Button>
  ) : null;
  return (
    <>
      <PageHeader title="Offers" description="What partners promote: the landing page, the events you report and who may see it." actions={newButton} />
      <Card>
        <form className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-3" role="search">
          {status ? <input type="hidden" name="status" value={status} /> : null}
          <label htmlFor="offer-search" className="sr-only">
            Search offers
          </label>
          <Input id="offer-search" name="q" defaultValue={q} placeholder="Search by name" className="max-w-xs" />
          <Button type="submit" variant="secondary">
            <Search aria-hidden /> Search
          </Button>
        </form>
        <FilterTabs tabs={TABS} current={status ?? ""} href={href} />
        {offers.length === 0 ? (
          <EmptyState icon={Tag} title={q || status ? "No offer matches" : "No offer yet"}>
            {!hasProgram ? (
              <>
                Create a{" "}
                <Link href="/admin/programs/new" className="text-brand-600 hover:underline">
                  program
                </Link>{" "}
                first, then its offers.
              </>
            ) : q || status ? (
              "Try another search or status."
            ) : (
              "Create an offer: partners get a tracking link to it, and your backend reports its conversions."
            )}
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Offer</TH>
                <TH>Program</TH>
                <TH>Visible to</TH>
                <TH className="text-right">Links</TH>
                <TH>Status</TH>
              </tr>
            </THead>
            <TBody>
              {offers.map((o) => (
                <tr key={o.id} data-testid="offer-row" className="align-top">
                  <TD className="max-w-sm">
                    <Link href={`/admin/offers/${o.id}`} className="font-medium text-brand-700 hover:underline">
                      {o.name}
                    </Link>
                    <p className="mt-0.5 truncate font-mono text-xs text-slate-500" title={o.landingUrl}>
                      {o.landingUrl}
                    </p>
                  </TD>
                  <TD>
                    {o.programName} <span className="text-xs text-slate-500">· {o.currency}</span>
                  </TD>
                  <TD className="text-sm">
                    {VISIBILITY_LABELS[o.visibility]}
                    {o.pendingRequests ? <p className="text-xs font-medium text-amber-700">{o.pendingRequests} request(s) waiting</p> : null}
                  </TD>
                  <TD className="text-right tabular-nums">{o.links}</TD>
                  <TD>
                    <StatusBadge status={o.status} />
                  </TD>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
