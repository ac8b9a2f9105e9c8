import type { Metadata } from "next";
import Link from "next/link";
import { Webhook } from "lucide-react";
import { formatDate } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { EndpointFormDialog } from "@/components/webhooks/endpoint-form-dialog";
import { requireAdmin } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const me = await requireAdmin();
  const api = await serverCaller();
  const endpoints = await api.webhooks.list();
  const manage = can(me.role, "webhooks:manage");
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Tell your own systems (CRM, accounting, back office) when partners, conversions, commissions and payouts change. Signed to the Standard Webhooks specification."
        actions={manage ? <EndpointFormDialog /> : null}
      />
      <p className="mb-4 text-sm text-slate-500">
        <Link href="/admin/settings" className="text-brand-600 hover:underline">
          Settings
        </Link>{" "}
        › Webhooks
      </p>
      <Card>
        {endpoints.length === 0 ? (
          <EmptyState icon={Webhook} title="No endpoints yet">
            Add an endpoint to receive partner, conversion, commission, payout and fraud events as signed JSON.
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Endpoint</TH>
                <TH>Events</TH>
                <TH>Status</TH>
                <TH>Deliveries</TH>
                <TH>Added</TH>
              </tr>
            </THead>
            <TBody>
              {endpoints.map((e) => (
                <tr key={e.id} data-testid="webhook-endpoint-row">
                  <TD className="max-w-xs">
                    <Link href={`/admin/settings/webhooks/${e.id}`} className="block break-all font-medium text-brand-700 hover:underline">
                      {e.url}
                    </Link>
                    {e.description ? <span className="text-xs text-slate-500">{e.description}</span> : null}
                  </TD>
                  <TD>{e.events.length === 0 ? "All events" : `${e.events.length} event${e.events.length === 1 ? "" : "s"}`}</TD>
                  <TD>{e.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Disabled</Badge>}</TD>
                  <TD className="whitespace-nowrap text-sm">
                    {e.delivered} delivered
                    {e.pending > 0 ? <span className="text-amber-700"> · {e.pending} retrying</span> : null}
                    {e.failed > 0 ? <span className="text-red-700"> · {e.failed} failed</span> : null}
                  </TD>
                  <TD className="whitespace-nowrap">{formatDate(e.createdAt)}</TD>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
