import type { Metadata } from "next";
import { formatMoney } from "@/components/format";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { config } from "@/server/config";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const api = await serverCaller();
  const programs = await api.admin.program();
  const base = config().appUrl;
  return (
    <>
      <PageHeader title="Settings" description="How your backend reports conversions, and the offers partners promote." />
      {programs.map((p) => {
        const postback = `${base}/api/postback?token=${p.postbackToken}&click_id={click_id}&event=ftd&txn_id={transaction_id}&amount={amount}&currency=USD`;
        return (
          <div key={p.id} className="space-y-8">
            <Card>
              <CardHeader title={`Postback URL · ${p.name}`} description="Call this from your backend (GET or POST) when a referred customer converts. Keep the token secret." />
              <CardBody className="space-y-3">
                <div className="flex items-start gap-2">
                  <code className="block flex-1 break-all rounded bg-slate-100 px-3 py-2 text-xs text-slate-800">{postback}</code>
                  <CopyButton value={postback} />
                </div>
                <p className="text-sm text-slate-500">
                  <code>click_id</code> is the value we appended to your landing page URL. <code>txn_id</code> must be unique per event: a repeat is answered
                  as a duplicate and never counted twice. <code>amount</code> is a decimal such as <code>49.90</code>.
                </p>
              </CardBody>
            </Card>
            <Card>
              <CardHeader title="Offers" />
              <Table>
                <THead>
                  <tr>
                    <TH>Offer</TH>
                    <TH>Pays</TH>
                    <TH>Window</TH>
                    <TH>Landing URL</TH>
                    <TH>Status</TH>
                  </tr>
                </THead>
                <TBody>
                  {p.offers.map((o) => (
                    <tr key={o.id}>
                      <TD className="font-medium text-slate-900">{o.name}</TD>
                      <TD className="whitespace-nowrap tabular-nums">
                        {formatMoney(o.cpaAmount, o.currency)} per <span className="uppercase">{o.commissionEvent}</span>
                      </TD>
                      <TD className="whitespace-nowrap">{o.attributionWindowDays} days</TD>
                      <TD className="max-w-xs break-all font-mono text-xs">{o.landingUrl}</TD>
                      <TD>
                        <StatusBadge status={o.status} />
                      </TD>
                    </tr>
                  ))}
                </TBody>
              </Table>
            </Card>
          </div>
        );
      })}
    </>
  );
}
