import type { Metadata } from "next";
import { Settings } from "lucide-react";
import { OfferSettingsTable } from "@/components/admin/offer-settings-table";
import { PostbackSecurity } from "@/components/admin/postback-security";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
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
      {programs.length === 0 ? (
        <Card>
          <EmptyState icon={Settings} title="No program yet">
            Load the demo program (DEMO_SEED=true on an empty database) or create a program to get a postback URL.
          </EmptyState>
        </Card>
      ) : null}
      <div className="space-y-12">
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
              <CardHeader title="Postback security" description="Optional: accept postbacks only from your servers, and sign them so a leaked URL is not enough." />
              <PostbackSecurity program={p} />
            </Card>
            <Card>
              <CardHeader title="Offers" description="Tracking settings per offer. Changes apply to the next click." />
              <OfferSettingsTable offers={p.offers} />
            </Card>
          </div>
        );
      })}
      </div>
    </>
  );
}
