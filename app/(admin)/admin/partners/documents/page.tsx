import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, FileCheck2 } from "lucide-react";
import { DOCUMENT_LABELS, DOCUMENT_STATUS_TONE, formatBytes } from "@/components/documents/labels";
import { DeleteDocumentButton, ReviewActions } from "@/components/documents/review-actions";
import { formatDate } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { DOCUMENT_STATUSES, type DocumentStatus } from "@/db/schema";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Documents review" };

const TABS = [
  { value: "pending", label: "To review" },
  { value: "approved", label: "Approved" },
  { value: "rejected", label: "Rejected" },
  { value: "replaced", label: "Replaced" },
];

export default async function DocumentsReviewPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { status: raw } = await searchParams;
  const status: DocumentStatus = (DOCUMENT_STATUSES as readonly string[]).includes(raw ?? "") ? (raw as DocumentStatus) : "pending";
  const api = await serverCaller();
  const docs = await api.documents.queue({ status });
  return (
    <>
      <Link href="/admin/partners" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="size-4" aria-hidden /> Partners
      </Link>
      <PageHeader
        title="Documents review"
        description="Identity and tax documents partners uploaded. Opening a file is written to the audit log. Payouts hold partners whose required documents are not approved."
        actions={
          <Link href="/admin/settings/documents" className="text-sm font-medium text-brand-600 hover:underline">
            Requirements and retention
          </Link>
        }
      />
      <Card>
        <FilterTabs tabs={TABS} current={status} href={(v) => `/admin/partners/documents?status=${v}`} />
        {docs.length === 0 ? (
          <EmptyState icon={FileCheck2} title={status === "pending" ? "Nothing to review" : `No ${status} documents`}>
            {status === "pending" ? "New uploads appear here, oldest first." : null}
          </EmptyState>
        ) : (
          <Table data-testid="document-queue">
            <THead>
              <tr>
                <TH>Partner</TH>
                <TH>Document</TH>
                <TH>Uploaded</TH>
                <TH>File</TH>
                <TH>{status === "pending" ? "Decision" : "Status"}</TH>
              </tr>
            </THead>
            <TBody>
              {docs.map((d) => (
                <tr key={d.id} data-testid="document-row">
                  <TD className="font-medium text-slate-900">
                    <Link href={`/admin/partners/${d.partnerId}`} className="hover:underline">
                      {d.partnerName}
                    </Link>
                    {d.partnerCountry ? <span className="ml-1 text-xs text-slate-500">{d.partnerCountry}</span> : null}
                  </TD>
                  <TD>
                    {DOCUMENT_LABELS[d.type]}
                    {d.expiresAt ? <p className="text-xs text-slate-500">expires {formatDate(d.expiresAt)}</p> : null}
                  </TD>
                  <TD>{formatDate(d.createdAt)}</TD>
                  <TD>
                    <a href={`/api/documents/${d.id}`} className="text-brand-600 hover:underline">
                      {d.fileName}
                    </a>
                    <p className="text-xs text-slate-500">{formatBytes(d.size)}</p>
                  </TD>
                  <TD className="min-w-56">
                    {d.status === "pending" ? (
                      <ReviewActions documentId={d.id} expiresAt={d.expiresAt ? new Date(d.expiresAt).toISOString().slice(0, 10) : null} />
                    ) : (
                      <div className="space-y-1">
                        <Badge tone={DOCUMENT_STATUS_TONE[d.status]}>{d.status}</Badge>
                        {d.rejectReason ? <p className="text-xs text-slate-600">{d.rejectReason}</p> : null}
                        {d.status !== "approved" ? <DeleteDocumentButton documentId={d.id} /> : null}
                      </div>
                    )}
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
