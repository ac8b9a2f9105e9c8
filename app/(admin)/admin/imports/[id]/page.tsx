import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/format";
import { ImportReportView } from "@/components/imports/import-report";
import { orNotFound } from "@/components/layout/or-not-found";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { PRESETS } from "@/server/imports/presets";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Import report" };

export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverCaller();
  const imp = await orNotFound(api.imports.get({ id }));
  const label = PRESETS[imp.preset as keyof typeof PRESETS]?.label ?? imp.preset;
  return (
    <>
      <PageHeader
        title={`Import of ${imp.fileName}`}
        description={`${label} ${imp.fileKind} file into ${imp.programName}, started ${formatDateTime(imp.createdAt)}${imp.actorName ? ` by ${imp.actorName}` : ""}.`}
        actions={
          <Link href="/admin/imports" className="text-sm font-medium text-brand-700 underline">
            All imports
          </Link>
        }
      />
      <div className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Stat label="Rows read" value={String(imp.rowsRead)} />
          <Stat label="Imported" value={String(imp.rowsOk)} tone="success" />
          <Stat label="Refused" value={String(imp.rowsRefused)} tone={imp.rowsRefused ? "warning" : "neutral"} />
          <Stat label="Skipped as already imported" value={String(imp.rowsSkipped)} />
        </div>
        <Card>
          <CardHeader title="Reconciliation" description="Sign the migration off when every count and balance is what the old platform shows." actions={<StatusBadge status={imp.status} />} />
          <CardBody>
            {imp.failureReason ? <p className="mb-4 text-sm text-red-700">The import stopped: {imp.failureReason}. Run the same file again to resume; rows already in are skipped.</p> : null}
            {imp.report ? <ImportReportView report={imp.report} /> : <p className="text-sm text-slate-600">The import is still running; its report appears when it ends.</p>}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
