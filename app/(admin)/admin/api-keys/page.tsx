import type { Metadata } from "next";
import Link from "next/link";
import { KeyRound } from "lucide-react";
import { CreateApiKeyDialog } from "@/components/api/create-api-key-dialog";
import { KeyStatus } from "@/components/api/key-status";
import { RevokeButton } from "@/components/api/revoke-button";
import { formatDate, formatDateTime } from "@/components/format";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const api = await serverCaller();
  const { keys, programs } = await api.apiKeys.list();
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let your back office, CRM or accounting call the REST API. Each write through a key is in the audit log under the key."
        actions={<CreateApiKeyDialog programs={programs} />}
      />
      <p className="mb-4 text-sm text-slate-600">
        Reference:{" "}
        <Link href="/docs/api" className="font-medium text-brand-600 hover:underline">
          API documentation
        </Link>{" "}
        ·{" "}
        <a href="/api/v1/openapi.json" className="font-medium text-brand-600 hover:underline">
          OpenAPI document
        </a>
      </p>
      <Card>
        {keys.length === 0 ? (
          <EmptyState icon={KeyRound} title="No API keys yet">
            Create a key for each system that calls the API, with only the scopes it needs.
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Key</TH>
                <TH>Program</TH>
                <TH>Scopes</TH>
                <TH>Last used</TH>
                <TH>Expires</TH>
                <TH>Status</TH>
                <TH className="text-right">Actions</TH>
              </tr>
            </THead>
            <TBody>
              {keys.map((k) => (
                <tr key={k.id} data-testid="api-key-row">
                  <TD>
                    <div className="font-medium text-slate-900">{k.name}</div>
                    <div className="font-mono text-xs text-slate-500">{k.prefix}…</div>
                    <div className="text-xs text-slate-500">
                      by {k.createdByName}, {formatDate(k.createdAt)}
                    </div>
                  </TD>
                  <TD>{k.programName ?? "All programs"}</TD>
                  <TD>
                    <div className="flex max-w-xs flex-wrap gap-1">
                      {k.scopes.map((s) => (
                        <code key={s} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                          {s}
                        </code>
                      ))}
                    </div>
                  </TD>
                  <TD className="whitespace-nowrap">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Never"}</TD>
                  <TD className="whitespace-nowrap">{k.expiresAt ? formatDate(k.expiresAt) : "Never"}</TD>
                  <TD>
                    <KeyStatus status={k.status} />
                  </TD>
                  <TD>
                    <div className="flex justify-end">{k.status === "revoked" ? null : <RevokeButton kind="key" id={k.id} name={k.name} />}</div>
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
