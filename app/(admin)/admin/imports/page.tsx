import type { Metadata } from "next";
import Link from "next/link";
import { Upload } from "lucide-react";
import { formatDateTime } from "@/components/format";
import { ImportForm } from "@/components/imports/import-form";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { PRESETS } from "@/server/imports/presets";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Imports" };

const presetLabel = (name: string) => PRESETS[name as keyof typeof PRESETS]?.label ?? name;

export default async function ImportsPage() {
  const api = await serverCaller();
  const [options, list] = await Promise.all([api.imports.options(), api.imports.list()]);
  return (
    <>
      <PageHeader
        title="Imports"
        description="Move a program here from another platform: partners with their old tracking codes, sponsors, payout details and balances, then customers, coupons and past conversions. Rows already imported are skipped, so a file can be run again."
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Import a CSV export" description="Try a dry run first: it checks every row and writes nothing." />
          <CardBody>
            {options.programs.length === 0 ? (
              <p className="text-sm text-slate-600">
                Create a <Link href="/admin/programs" className="font-medium text-brand-700 underline">program</Link> with an offer first: imported links and conversions belong to its first active offer.
              </p>
            ) : (
              <ImportForm options={options} />
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Past imports" />
          {list.length === 0 ? (
            <EmptyState icon={Upload} title="Nothing imported yet">
              Imports appear here with their reconciliation report. Large files can also be imported with <code className="font-mono">npm run import</code>.
            </EmptyState>
          ) : (
            <Table>
              <THead>
                <tr>
                  <TH>Started</TH>
                  <TH>File</TH>
                  <TH>Platform</TH>
                  <TH>Program</TH>
                  <TH className="text-right">Rows</TH>
                  <TH className="text-right">OK</TH>
                  <TH className="text-right">Refused</TH>
                  <TH className="text-right">Skipped</TH>
                  <TH>Status</TH>
                </tr>
              </THead>
              <TBody>
                {list.map((i) => (
                  <tr key={i.id} data-testid="import-row">
                    <TD className="whitespace-nowrap">
                      <Link href={`/admin/imports/${i.id}`} className="font-medium text-brand-700 hover:underline">
                        {formatDateTime(i.createdAt)}
                      </Link>
                    </TD>
                    <TD className="break-all">
                      {i.fileName} <span className="text-slate-500">({i.fileKind})</span>
                    </TD>
                    <TD>{presetLabel(i.preset)}</TD>
                    <TD>{i.programName}</TD>
                    <TD className="text-right tabular-nums">{i.rowsRead}</TD>
                    <TD className="text-right tabular-nums">{i.rowsOk}</TD>
                    <TD className="text-right tabular-nums">{i.rowsRefused}</TD>
                    <TD className="text-right tabular-nums">{i.rowsSkipped}</TD>
                    <TD>
                      <StatusBadge status={i.status} />
                    </TD>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
