import type { Metadata } from "next";
import Link from "next/link";
import { Ban, ShieldCheck, SlidersHorizontal, UsersRound } from "lucide-react";
import { BlockDialog } from "@/components/fraud/block-dialog";
import { BlockList } from "@/components/fraud/block-list";
import { FraudQueueTable } from "@/components/fraud/fraud-queue-table";
import { RiskTable } from "@/components/fraud/risk-table";
import { PAGE_SIZE } from "@/components/search-params";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Stat } from "@/components/ui/stat";
import { QUEUE_VIEWS, type QueueView } from "@/server/fraud/schemas";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Fraud review" };

const TABS: { value: QueueView; label: string }[] = [
  { value: "open", label: "To review" },
  { value: "appealed", label: "Appealed" },
  { value: "rejected", label: "Rejected" },
  { value: "cleared", label: "Cleared" },
  { value: "all", label: "All" },
];

type Search = { program?: string; view?: string; partner?: string; page?: string };

export default async function FraudPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const api = await serverCaller();
  const programs = await api.admin.program();
  const current = programs.find((p) => p.id === sp.program) ?? programs[0];
  const header = (
    <PageHeader
      title="Fraud review"
      description="Conversions the checks flagged, held or rejected, with the evidence. Nothing is deleted: every decision keeps its reasons."
      actions={
        current ? (
          <Button asChild variant="secondary">
            <Link href={`/admin/fraud/settings?program=${current.id}`}>
              <SlidersHorizontal aria-hidden /> Settings
            </Link>
          </Button>
        ) : null
      }
    />
  );
  if (!current) {
    return (
      <>
        {header}
        <Card>
          <EmptyState icon={ShieldCheck} title="No program yet">
            Fraud checks start with the first program&apos;s conversions.
          </EmptyState>
        </Card>
      </>
    );
  }
  const view = (QUEUE_VIEWS as readonly string[]).includes(sp.view ?? "") ? (sp.view as QueueView) : "open";
  const page = Math.max(1, Math.min(10_000, Number.parseInt(sp.page ?? "1", 10) || 1));
  const partnerId = sp.partner && sp.partner.length <= 64 ? sp.partner : undefined;
  const [queue, open, appealed, risk, blocks, partners] = await Promise.all([
    api.fraud.queue({ programId: current.id, view, partnerId, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    api.fraud.queue({ programId: current.id, view: "open", limit: 1, offset: 0 }),
    api.fraud.queue({ programId: current.id, view: "appealed", limit: 1, offset: 0 }),
    api.fraud.risk({ programId: current.id, days: 30 }),
    api.fraud.blocks({ programId: current.id }),
    api.admin.partners({ status: "approved", limit: 100, offset: 0 }),
  ]);
  const partnerName = partnerId ? risk.partners.find((p) => p.partnerId === partnerId)?.name : undefined;
  const href = (v: string, p = 1) => `/admin/fraud?program=${current.id}&view=${v}${partnerId ? `&partner=${partnerId}` : ""}${p > 1 ? `&page=${p}` : ""}`;
  const sum = (key: "held" | "rejected" | "checked") => risk.partners.reduce((n, p) => n + p[key], 0);
  const partnerOptions = partners.items.map((p) => ({ id: p.id, name: p.name }));
  return (
    <>
      {header}
      {programs.length > 1 ? (
        <Card className="mb-8">
          <FilterTabs tabs={programs.map((p) => ({ value: p.id, label: p.name }))} current={current.id} href={(id) => `/admin/fraud?program=${id}`} />
        </Card>
      ) : null}
      <div className="mb-8 grid grid-cols-2 gap-2 sm:gap-4 lg:grid-cols-4">
        <Stat label="To review" value={String(open.total)} hint="Flagged or held, or appealed" tone="warning" />
        <Stat label="Appeals waiting" value={String(appealed.total)} hint="Partners contesting a decision" tone="info" />
        <Stat label="Held now (30 days)" value={String(sum("held"))} hint={`Of ${sum("checked")} conversions checked`} />
        <Stat label="Rejected (30 days)" value={String(sum("rejected"))} hint="By the rules or by a review" />
      </div>
      <div className="space-y-8">
        <Card>
          <CardHeader
            title={partnerName ? `Queue: ${partnerName}` : "Queue"}
            description="Open items come oldest first. Open one to see its clicks, addresses, timings and rule outputs."
            actions={
              partnerId ? (
                <Link href={`/admin/fraud?program=${current.id}&view=${view}`} className="text-sm font-medium text-brand-600 hover:underline">
                  All partners
                </Link>
              ) : null
            }
          />
          <FilterTabs tabs={TABS} current={view} href={(v) => href(v)} />
          {queue.items.length === 0 ? (
            <EmptyState icon={ShieldCheck} title={view === "open" ? "Nothing to review" : "Nothing here"}>
              {view === "open" ? "Conversions the checks flag or hold, and partners' appeals, appear here." : null}
            </EmptyState>
          ) : (
            <FraudQueueTable items={queue.items} />
          )}
          <Pagination total={queue.total} page={page} pageSize={PAGE_SIZE} href={(p) => href(view, p)} />
        </Card>

        <Card>
          <CardHeader title="Risk by partner" description="The last 30 days: how each partner's conversions fared, and which rules fire on their conversions and clicks." />
          {risk.partners.length === 0 ? (
            <EmptyState icon={UsersRound} title="No traffic checked yet" />
          ) : (
            <RiskTable rows={risk.partners} programId={current.id} />
          )}
        </Card>

        <Card>
          <CardHeader title="Block list" description="Addresses, ranges and partners' sub-IDs whose traffic is rejected from now on." actions={<BlockDialog programId={current.id} partners={partnerOptions} />} />
          {blocks.length === 0 ? (
            <EmptyState icon={Ban} title="Nothing blocked">
              Block an address, a range or a sub-ID here or from a review item.
            </EmptyState>
          ) : (
            <BlockList blocks={blocks} />
          )}
        </Card>
      </div>
    </>
  );
}
