import type { Metadata } from "next";
import Link from "next/link";
import { KeyRound } from "lucide-react";
import { CreateTokenDialog } from "@/components/api/create-token-dialog";
import { KeyStatus } from "@/components/api/key-status";
import { RevokeButton } from "@/components/api/revoke-button";
import { formatDate, formatDateTime } from "@/components/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { config } from "@/server/config";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const api = await serverCaller();
  const tokens = await api.partnerTokens.list();
  const base = config().appUrl;
  return (
    <>
      <PageHeader title="API tokens" description="Personal tokens let your own tracker or dashboard read your numbers." actions={<CreateTokenDialog />} />
      <div className="space-y-6">
        <Card>
          {tokens.length === 0 ? (
            <EmptyState icon={KeyRound} title="No tokens yet">
              Create one for each tool that reads your stats, conversions, commissions or payouts.
            </EmptyState>
          ) : (
            <Table>
              <THead>
                <tr>
                  <TH>Token</TH>
                  <TH>Last used</TH>
                  <TH>Expires</TH>
                  <TH>Status</TH>
                  <TH className="text-right">Actions</TH>
                </tr>
              </THead>
              <TBody>
                {tokens.map((t) => (
                  <tr key={t.id} data-testid="api-token-row">
                    <TD>
                      <div className="font-medium text-slate-900">{t.name}</div>
                      <div className="font-mono text-xs text-slate-500">{t.prefix}…</div>
                      <div className="text-xs text-slate-500">Created {formatDate(t.createdAt)}</div>
                    </TD>
                    <TD className="whitespace-nowrap">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}</TD>
                    <TD className="whitespace-nowrap">{t.expiresAt ? formatDate(t.expiresAt) : "Never"}</TD>
                    <TD>
                      <KeyStatus status={t.status} />
                    </TD>
                    <TD>
                      <div className="flex justify-end">{t.status === "revoked" ? null : <RevokeButton kind="token" id={t.id} name={t.name} />}</div>
                    </TD>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
        <Card>
          <CardHeader title="Using a token" />
          <CardBody className="space-y-2 text-sm text-slate-600">
            <p>Send it in the Authorization header. It reads your own data only and cannot change anything.</p>
            <code className="block break-all rounded bg-slate-100 px-3 py-2 text-xs text-slate-800">
              curl -H &quot;Authorization: Bearer tp_pat_…&quot; {base}/api/v1/partner/commissions
            </code>
            <p>
              Endpoints: <code>/partner/reports</code> (POST), <code>/partner/conversions</code>, <code>/partner/commissions</code>, <code>/partner/payouts</code>.{" "}
              <Link href="/docs/api" className="font-medium text-brand-600 hover:underline">
                API documentation
              </Link>
            </p>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
