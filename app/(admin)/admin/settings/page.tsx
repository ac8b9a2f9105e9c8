import type { Metadata } from "next";
import Link from "next/link";
import { Settings } from "lucide-react";
import { OfferPixelSettings } from "@/components/admin/offer-pixel-settings";
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
  const pixels = programs.length > 0 ? await api.offerPixels.list() : {};
  const base = config().appUrl;
  return (
    <>
      <PageHeader title="Settings" description="How your backend reports conversions, and the offers partners promote." />
      <p className="mb-6 text-sm text-slate-600">
        Syncing a CRM or accounting system?{" "}
        <Link href="/admin/api-keys" className="font-medium text-brand-600 hover:underline">
          Create an API key
        </Link>{" "}
        for the{" "}
        <Link href="/docs/api" className="font-medium text-brand-600 hover:underline">
          REST API
        </Link>
        .
      </p>
      {programs.length === 0 ? (
        <Card>
          <EmptyState icon={Settings} title="No program yet">
            <Link href="/admin/programs/new" className="text-brand-600 hover:underline">Create a program</Link> to get a postback URL.
          </EmptyState>
        </Card>
      ) : null}
      <Card className="mb-8">
        <CardHeader title="Webhooks" description="Send signed events to your CRM, accounting or back office when partners, conversions, commissions and payouts change." />
        <CardBody className="text-sm">
          <Link href="/admin/settings/webhooks" className="font-medium text-brand-600 hover:underline">
            Manage webhook endpoints
          </Link>
        </CardBody>
      </Card>
      <div className="space-y-12">
      {programs.map((p) => {
        const postback = `${base}/api/postback?token=${p.postbackToken}&click_id={click_id}&event=ftd&txn_id={transaction_id}&amount={amount}&currency=USD`;
        // The token is a credential: shown masked (the copy button copies the whole URL), revealed on the program's page.
        const shown = postback.replace(p.postbackToken, `${"•".repeat(12)}${p.postbackToken.slice(-4)}`);
        return (
          <div key={p.id} className="space-y-8">
            <Card>
              <CardHeader title={`Postback URL · ${p.name}`} description="Call this from your backend (GET or POST) when a referred customer converts. Keep the token secret." />
              <CardBody className="space-y-3">
                <div className="flex items-start gap-2">
                  <code className="block flex-1 break-all rounded bg-slate-100 px-3 py-2 text-xs text-slate-800" data-testid="postback-url">{shown}</code>
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
              <CardHeader title="Offers" description="Landing URLs, events, windows, deep-link hosts and visibility are edited per offer." />
              <CardBody className="text-sm text-slate-600">
                {p.offers.length} offer(s) in this program.{" "}
                <Link href="/admin/offers" className="font-medium text-brand-600 hover:underline">
                  Manage offers
                </Link>{" "}
                ·{" "}
                <Link href={`/admin/programs/${p.id}`} className="font-medium text-brand-600 hover:underline">
                  Program settings and postback token
                </Link>
              </CardBody>
            </Card>
            <Card>
              <CardHeader
                title="Browser pixel"
                description="Off unless you turn it on. A pixel report comes from the visitor's browser, so anyone who can load your page can send one: enable it only for the events you cannot report from your server."
              />
              <OfferPixelSettings offers={pixels[p.id] ?? []} base={base} />
            </Card>
          </div>
        );
      })}
      <Card>
        <CardHeader title="Documents and invoicing" description="Document requirements by country, your company details on partners' statements, and how long documents are kept." />
        <CardBody className="text-sm">
          <Link href="/admin/settings/documents" className="font-medium text-brand-600 hover:underline">
            Edit documents and invoicing settings
          </Link>
        </CardBody>
      </Card>
      </div>
    </>
  );
}
