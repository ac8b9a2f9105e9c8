import type { Metadata } from "next";
import { FileCheck2 } from "lucide-react";
import { BillingForm } from "@/components/documents/billing-form";
import { DOCUMENT_LABELS, DOCUMENT_STATUS_TONE, formatBytes } from "@/components/documents/labels";
import { UploadDocumentForm } from "@/components/documents/upload-document-form";
import { formatDate } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Documents" };

export default async function PortalDocumentsPage() {
  const api = await serverCaller();
  const [{ requirements, documents }, billing] = await Promise.all([api.documents.mine(), api.documents.myBilling()]);
  const fileRequirements = requirements.filter((r) => r.type !== "vat_number");
  const holding = requirements.filter((r) => r.blocksPayouts && !r.satisfied);
  return (
    <>
      <PageHeader title="Documents" description="Identity and tax documents the program needs before it can pay you. Files are stored encrypted and seen only by you and the program's compliance team." />
      <div className="space-y-8">
        <Card>
          <CardHeader title="What we need from you" description={billing ? `For partners in ${billing.country}.` : "Add your billing details below: what we need depends on your country."} />
          {requirements.length === 0 ? (
            <CardBody className="text-sm text-slate-600">Nothing is required at the moment.</CardBody>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="requirements">
              {requirements.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm">
                  <span className="font-medium text-slate-900">{r.label}</span>
                  <span className="flex items-center gap-2">
                    {r.blocksPayouts ? <span className="text-xs text-slate-500">needed for payouts</span> : null}
                    <Badge tone={r.satisfied ? "success" : "warning"}>{r.satisfied ? "Done" : r.type === "vat_number" ? "Add it to your billing details" : "Needed"}</Badge>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {holding.length > 0 ? (
            <p role="status" className="mx-5 mb-4 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
              Your payouts are on hold until these are approved: {holding.map((r) => r.label).join(", ")}.
            </p>
          ) : null}
        </Card>
        <Card>
          <CardHeader title="Upload a document" description="A new upload of a type replaces the earlier one once it is approved." />
          <CardBody>
            <UploadDocumentForm choices={fileRequirements.map((r) => ({ type: r.type, label: r.label, expires: r.expires }))} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Your documents" />
          {documents.length === 0 ? (
            <EmptyState icon={FileCheck2} title="No documents yet">
              Upload the documents listed above.
            </EmptyState>
          ) : (
            <Table data-testid="my-documents">
              <THead>
                <tr>
                  <TH>Document</TH>
                  <TH>Status</TH>
                  <TH>Uploaded</TH>
                  <TH>Expires</TH>
                  <TH>File</TH>
                </tr>
              </THead>
              <TBody>
                {documents.map((d) => (
                  <tr key={d.id}>
                    <TD className="font-medium text-slate-900">{DOCUMENT_LABELS[d.type]}</TD>
                    <TD>
                      <Badge tone={DOCUMENT_STATUS_TONE[d.status]}>{d.status}</Badge>
                      {d.rejectReason ? <p className="mt-1 text-xs text-red-700">{d.rejectReason}</p> : null}
                    </TD>
                    <TD>{formatDate(d.createdAt)}</TD>
                    <TD>{d.expiresAt ? formatDate(d.expiresAt) : "—"}</TD>
                    <TD>
                      {d.deletedAt ? (
                        <span className="text-slate-500">Deleted</span>
                      ) : (
                        <a href={`/api/documents/${d.id}`} className="text-brand-600 hover:underline">
                          {d.fileName} ({formatBytes(d.size)})
                        </a>
                      )}
                    </TD>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
        <Card>
          <CardHeader title="Billing details" description="Printed on your self-billing invoices. Your country decides which tax form we need, and a VAT number is checked against its format." />
          <CardBody>
            <BillingForm billing={billing} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
