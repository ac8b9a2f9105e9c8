import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, ChevronRight, Scale } from "lucide-react";
import { CreditsTable, TouchpointsTable, VersionFacts } from "@/components/attribution/admin-decision";
import { DetailList, SOURCE_LABEL } from "@/components/attribution/explanation";
import { modelLabel } from "@/components/attribution/models";
import { formatDateTime, formatMoney } from "@/components/format";
import { orNotFound } from "@/components/layout/or-not-found";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Conversion" };

export default async function ConversionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverCaller();
  const { conversion: c, partnerNames: names, linkNames, versions, commissions } = await orNotFound(api.attribution.explain({ conversionId: id }));
  const current = versions.find((v) => v.supersededAt === null) ?? versions.at(-1);
  const earlier = versions.filter((v) => v !== current).reverse();
  return (
    <>
      <Link href="/admin/commissions" className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-brand-600 hover:underline">
        <ArrowLeft className="size-4" aria-hidden /> Commissions
      </Link>
      <PageHeader title={`Conversion ${c.txnId}`} description="What was reported, who was credited and why." />
      <div className="space-y-8">
        <Card>
          <CardHeader title="Summary" />
          <CardBody>
            <DetailList
              items={[
                { label: "Offer", value: c.offerName },
                { label: "Event", value: <span className="font-mono uppercase">{c.event}</span> },
                { label: "Transaction id", value: <span className="font-mono">{c.txnId}</span> },
                { label: "Amount", value: c.amount !== null && c.currency ? formatMoney(c.amount, c.currency) : <span className="text-slate-400">Not reported</span> },
                { label: "Occurred", value: formatDateTime(c.occurredAt) },
                { label: "Status", value: <StatusBadge status={c.status} /> },
                { label: "Reported by", value: SOURCE_LABEL[c.source] ?? c.source },
                { label: "Customer", value: c.customerId ? <span className="font-mono">{c.customerId}</span> : <span className="text-slate-400">Not reported</span> },
              ]}
            />
            <p className="mt-4 font-mono text-xs text-slate-400">{c.id}</p>
          </CardBody>
        </Card>

        {current ? (
          <>
            <Card>
              <CardHeader
                title="Current decision"
                description={versions.length > 1 ? `Version ${current.version} of ${versions.length}: the conversion was re-attributed.` : "How the credit was decided when the conversion was reported."}
              />
              <CardBody>
                <VersionFacts version={current} names={names} />
              </CardBody>
            </Card>
            <Card>
              <CardHeader title="Journey" description="The clicks that counted, oldest first, with the share of the credit each got." />
              <TouchpointsTable version={current} names={names} linkNames={linkNames} />
            </Card>
            <Card>
              <CardHeader title="Credits and commissions" description="Each partner's share of the credit and the commission it earned, split to the cent." />
              <CreditsTable version={current} commissions={commissions} names={names} />
            </Card>
          </>
        ) : (
          <Card>
            <EmptyState icon={Scale} title="Not decided yet">
              Attribution runs in the background moments after a conversion is reported.
            </EmptyState>
          </Card>
        )}

        {earlier.length > 0 ? (
          <Card>
            <CardHeader title="Earlier versions" description="Decisions this conversion had before it was re-attributed. Their unpaid commissions were reversed." />
            <ul className="divide-y divide-slate-100">
              {earlier.map((v) => (
                <li key={v.id}>
                  <details className="group">
                    <summary className="flex cursor-pointer list-none items-center gap-3 px-5 py-3 text-sm hover:bg-slate-50">
                      <ChevronRight className="size-4 text-slate-400 transition-transform group-open:rotate-90" aria-hidden />
                      <span className="font-medium text-slate-900">Version {v.version}</span>
                      <span className="text-slate-600">{modelLabel(v.model)}</span>
                      <span className="ml-auto text-slate-500">superseded {v.supersededAt ? formatDateTime(v.supersededAt) : "—"}</span>
                    </summary>
                    <div className="space-y-4 border-t border-slate-100 bg-slate-50/40 pb-4">
                      <div className="px-5 pt-4">
                        <VersionFacts version={v} names={names} />
                      </div>
                      <TouchpointsTable version={v} names={names} linkNames={linkNames} />
                      <CreditsTable version={v} commissions={commissions} names={names} />
                    </div>
                  </details>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </>
  );
}
