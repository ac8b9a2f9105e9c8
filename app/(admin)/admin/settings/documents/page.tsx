import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, FileCheck2 } from "lucide-react";
import { OperatorSettingsForm } from "@/components/documents/operator-settings-form";
import { ArchiveRequirementButton, RequirementForm } from "@/components/documents/requirement-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Documents and invoicing" };

const SCOPE = { all: "Every partner", only: "Only in", except: "Everyone except" } as const;

export default async function DocumentSettingsPage() {
  const api = await serverCaller();
  const [requirements, settings] = await Promise.all([api.documents.requirements(), api.documents.settings()]);
  return (
    <>
      <Link href="/admin/settings" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="size-4" aria-hidden /> Settings
      </Link>
      <PageHeader title="Documents and invoicing" description={`What partners of ${settings.programName} must provide, who you are on their statements, and how long documents are kept.`} />
      <div className="space-y-8">
        <Card>
          <CardHeader title="Document requirements" description="By the partner's country (their billing details, else their profile). A requirement that holds payouts keeps the partner out of payout batches until a document of its type is approved and unexpired." />
          {requirements.length === 0 ? (
            <EmptyState icon={FileCheck2} title="No requirements">
              Partners are paid without documents. Add, for example, a W-9 for US partners and a W-8BEN for everyone else.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="requirement-list">
              {requirements.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3 text-sm">
                  <div>
                    <p className="font-medium text-slate-900">{r.label}</p>
                    <p className="text-slate-500">
                      {SCOPE[r.scope]}
                      {r.scope === "all" ? "" : ` ${r.countries.join(", ")}`}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    {r.blocksPayouts ? <Badge tone="warning">Holds payouts</Badge> : <Badge>Informational</Badge>}
                    {r.expires ? <Badge tone="info">Expires</Badge> : null}
                    <ArchiveRequirementButton id={r.id} label={r.label} />
                  </div>
                </li>
              ))}
            </ul>
          )}
          <CardBody className="border-t border-slate-100">
            <RequirementForm />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Company details and retention" description="Printed as the customer on every self-billing invoice. With VAT numbers on both sides in different EU countries, business partners' invoices carry the reverse-charge note." />
          <CardBody>
            <OperatorSettingsForm company={settings.company} retentionDays={settings.documentRetentionDays} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
