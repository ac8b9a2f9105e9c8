import type { Metadata } from "next";
import { Download, ScrollText } from "lucide-react";
import { formatDateTime } from "@/components/format";
import { LogFilters } from "@/components/reports/log-filters";
import { PAGE_SIZE } from "@/components/search-params";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { auditFilterFromParams } from "@/server/audit/list-audit";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Audit log" };

type Params = { actor?: string; object?: string; action?: string; from?: string; to?: string; page?: string };
const FIELDS = ["actor", "object", "action", "from", "to"] as const;

const summary = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v));

export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const sp = await searchParams;
  const values = Object.fromEntries(FIELDS.map((k) => [k, typeof sp[k] === "string" ? sp[k] : undefined]));
  const parsed = auditFilterFromParams(values);
  const filter = parsed.success ? parsed.data : {};
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const api = await serverCaller();
  const list = await api.team.audit({ ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const query = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1])));
  const href = (p: number) => `/admin/audit?${new URLSearchParams([...query, ["page", String(p)]])}`;
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change a team member made: who, what, to which object, before and after, when and from where. Entries cannot be edited or deleted."
        actions={
          <Button asChild variant="secondary">
            <a href={`/api/admin/audit/export?${query}`}>
              <Download aria-hidden /> Export CSV
            </a>
          </Button>
        }
      />
      <Card>
        <LogFilters
          action="/admin/audit"
          values={values}
          fields={[
            { name: "actor", label: "Actor (e-mail)", placeholder: "finance@example.com" },
            { name: "object", label: "Object id", placeholder: "pay_…" },
            { name: "action", label: "Action", placeholder: "admin.markBatchPaid" },
            { name: "from", label: "From", type: "date" },
            { name: "to", label: "To", type: "date" },
          ]}
        />
        {parsed.success ? null : <p role="alert" className="mx-4 mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">Some filters are not valid dates or are too long; they were ignored.</p>}
        {list.items.length === 0 ? (
          <EmptyState icon={ScrollText} title={list.total === 0 && query.size === 0 ? "Nothing recorded yet" : "No entries match"}>
            {query.size === 0 ? "Changes to settings, partners, plans, payouts and the team appear here as soon as someone makes them." : "Clear a filter or widen the dates."}
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>When</TH>
                <TH>Actor</TH>
                <TH>Action</TH>
                <TH>Object</TH>
                <TH>Outcome</TH>
                <TH>Change</TH>
              </tr>
            </THead>
            <TBody>
              {list.items.map((e) => (
                <tr key={e.id} data-testid="audit-row">
                  <TD className="whitespace-nowrap">
                    {formatDateTime(e.createdAt)}
                    {e.ip ? <div className="text-xs text-slate-500">from {e.ip}</div> : null}
                  </TD>
                  <TD>
                    <div className="text-slate-900">{e.actorEmail}</div>
                    <div className="text-xs text-slate-500">{e.actorRole}</div>
                  </TD>
                  <TD className="font-mono text-xs">{e.action}</TD>
                  <TD>
                    {e.objectId ? (
                      <a href={`/admin/audit?object=${encodeURIComponent(e.objectId)}`} className="font-mono text-xs text-brand-600 hover:underline">
                        {e.objectId}
                      </a>
                    ) : null}
                    {e.objectType ? <div className="text-xs text-slate-500">{e.objectType}</div> : null}
                  </TD>
                  <TD>{e.outcome === "ok" ? <Badge tone="success">ok</Badge> : <Badge tone="danger" title={e.error ?? undefined}>failed</Badge>}</TD>
                  <TD className="max-w-md">
                    <details>
                      <summary className="cursor-pointer text-xs text-slate-600">Details</summary>
                      <dl className="mt-2 space-y-1 break-all font-mono text-xs text-slate-700">
                        {e.error ? <div><dt className="inline font-semibold">error </dt><dd className="inline">{e.error}</dd></div> : null}
                        {e.before !== null ? <div><dt className="inline font-semibold">before </dt><dd className="inline">{summary(e.before)}</dd></div> : null}
                        {e.after !== null ? <div><dt className="inline font-semibold">after </dt><dd className="inline">{summary(e.after)}</dd></div> : null}
                        {e.input !== null ? <div><dt className="inline font-semibold">input </dt><dd className="inline">{summary(e.input)}</dd></div> : null}
                      </dl>
                    </details>
                  </TD>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
        <Pagination total={list.total} page={page} pageSize={PAGE_SIZE} href={href} />
      </Card>
    </>
  );
}
