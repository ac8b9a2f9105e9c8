import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Inbox } from "lucide-react";
import { TRPCError } from "@trpc/server";
import { WEBHOOK_DELIVERY_STATUSES } from "@/db/schema/values";
import { formatDateTime } from "@/components/format";
import { listParams, PAGE_SIZE } from "@/components/search-params";
import { StatusBadge } from "@/components/status-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { EndpointControls } from "@/components/webhooks/endpoint-controls";
import { EndpointFormDialog } from "@/components/webhooks/endpoint-form-dialog";
import { EndpointSecret } from "@/components/webhooks/endpoint-secret";
import { ReplayButton } from "@/components/webhooks/replay-button";
import { requireAdmin } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function WebhookEndpointPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string; status?: string }> }) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const { page, status } = listParams(sp, WEBHOOK_DELIVERY_STATUSES, "all");
  const me = await requireAdmin();
  const manage = can(me.role, "webhooks:manage");
  const api = await serverCaller();
  const endpoint = await api.webhooks.endpoint({ endpointId: id }).catch((err: unknown) => {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) notFound();
    throw err;
  });
  const log = await api.webhooks.deliveries({ endpointId: id, status: status === "all" ? undefined : status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const href = (p: { page?: number; status?: string }) => {
    const q = new URLSearchParams();
    const s = p.status ?? status;
    if (s !== "all") q.set("status", s);
    if (p.page && p.page > 1) q.set("page", String(p.page));
    const qs = q.toString();
    return `/admin/settings/webhooks/${id}${qs ? `?${qs}` : ""}`;
  };
  return (
    <>
      <PageHeader
        title={endpoint.description || "Webhook endpoint"}
        description={endpoint.url}
        actions={manage ? <EndpointFormDialog endpoint={{ id: endpoint.id, url: endpoint.url, description: endpoint.description, events: endpoint.events }} /> : null}
      />
      <p className="mb-4 text-sm text-slate-500">
        <Link href="/admin/settings/webhooks" className="text-brand-600 hover:underline">
          Webhooks
        </Link>{" "}
        › <span className="break-all">{endpoint.url}</span>
      </p>
      <div className="space-y-8">
        <Card>
          <CardHeader title="Endpoint" description={endpoint.events.length === 0 ? "Receives every event." : `Receives: ${endpoint.events.join(", ")}`} />
          <CardBody className="space-y-4">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              {endpoint.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Disabled</Badge>}
              <span className="text-slate-500">Added {formatDateTime(endpoint.createdAt)}</span>
            </div>
            {manage ? <EndpointControls endpointId={endpoint.id} enabled={endpoint.enabled} /> : null}
          </CardBody>
        </Card>
        {manage ? (
          <Card>
            <CardHeader title="Signing secret" description="Verify each request with it (see the README's Webhooks section): the webhook-signature header is an HMAC-SHA256 of id.timestamp.body." />
            <CardBody>
              <EndpointSecret endpointId={endpoint.id} secretTail={endpoint.secretTail} previousUntil={endpoint.previousSecretExpiresAt} />
            </CardBody>
          </Card>
        ) : null}
        <Card>
          <CardHeader title="Delivery log" description="Every message to this endpoint, newest first. Failed attempts are retried for 3 days: after 5 s, 5 min, 30 min, 2 h, 5 h, then every 10 h." />
          <CardBody>
            <FilterTabs
              tabs={[{ value: "all", label: "All" }, ...WEBHOOK_DELIVERY_STATUSES.map((s) => ({ value: s, label: s.charAt(0).toUpperCase() + s.slice(1) }))]}
              current={status}
              href={(s) => href({ status: s })}
            />
          </CardBody>
          {log.items.length === 0 ? (
            <EmptyState icon={Inbox} title="No deliveries yet">
              Messages appear here when a subscribed event happens{manage ? ", or send a test event above" : ""}.
            </EmptyState>
          ) : (
            <Table>
              <THead>
                <tr>
                  <TH>Event</TH>
                  <TH>Status</TH>
                  <TH>Attempts</TH>
                  <TH>Last answer</TH>
                  <TH>Created</TH>
                  {manage ? <TH className="text-right">Replay</TH> : null}
                </tr>
              </THead>
              <TBody>
                {log.items.map((d) => (
                  <tr key={d.id} data-testid="webhook-delivery-row">
                    <TD>
                      <code className="font-mono text-xs text-slate-900">{d.eventType}</code>
                      <span className="block break-all font-mono text-[11px] text-slate-500">{d.id}</span>
                      <details className="mt-1">
                        <summary className="cursor-pointer text-xs text-brand-700">Payload</summary>
                        <pre className="mt-1 max-w-[80vw] overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-[11px] text-slate-700 sm:max-w-md">{JSON.stringify(d.payload, null, 2)}</pre>
                      </details>
                    </TD>
                    <TD>
                      <StatusBadge status={d.status === "delivered" ? "paid" : d.status} />
                      {d.status === "pending" && d.nextAttemptAt ? <span className="block text-xs text-slate-500">next {formatDateTime(d.nextAttemptAt)}</span> : null}
                    </TD>
                    <TD>{d.attempts}</TD>
                    <TD className="text-sm">
                      {d.lastStatusCode !== null ? <span className="font-mono">HTTP {d.lastStatusCode}</span> : null}
                      {d.lastError && d.lastStatusCode === null ? <span className="text-red-700">{d.lastError}</span> : null}
                      {d.responseExcerpt ? <span className="block max-w-xs truncate text-xs text-slate-500" title={d.responseExcerpt}>{d.responseExcerpt}</span> : null}
                      {d.lastAttemptAt ? <span className="block text-xs text-slate-500">{formatDateTime(d.lastAttemptAt)}</span> : null}
                    </TD>
                    <TD className="whitespace-nowrap">{formatDateTime(d.createdAt)}</TD>
                    {manage ? (
                      <TD>
                        <div className="flex justify-end">
                          <ReplayButton deliveryId={d.id} />
                        </div>
                      </TD>
                    ) : null}
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
        <Pagination total={log.total} page={page} pageSize={PAGE_SIZE} href={(p) => href({ page: p })} />
      </div>
    </>
  );
}
