import type { Metadata } from "next";
import { History, Send } from "lucide-react";
import { formatDateTime } from "@/components/format";
import { CreatePostbackDialog } from "@/components/postbacks/create-postback-dialog";
import { PostbackStatusButton, ResendButton } from "@/components/postbacks/postback-actions";
import { listParams, PAGE_SIZE } from "@/components/search-params";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Postbacks" };

const DELIVERY_TONE = { delivered: "success", failed: "danger", scheduled: "warning" } as const;

export default async function PostbacksPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const { page } = listParams(await searchParams, [], "all");
  const api = await serverCaller();
  const [postbacks, links, macros, log] = await Promise.all([
    api.postbacks.list(),
    api.partner.links(),
    api.postbacks.macros(),
    api.postbacks.deliveries({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  ]);
  const offers = [...new Map(links.map((l) => [l.offerId, { id: l.offerId, name: l.offerName }])).values()];
  return (
    <>
      <PageHeader title="Postbacks" description="Tell your own tracker about every conversion credited to you." actions={<CreatePostbackDialog offers={offers} macros={macros} />} />
      <Card>
        <CardHeader title="Your postbacks" />
        {postbacks.length === 0 ? (
          <EmptyState icon={Send} title="No postbacks yet">
            Add a URL template such as <code className="text-xs">https://tracker.example.com/pb?cid=&#123;sub1&#125;&amp;payout=&#123;payout&#125;</code>, or a signed webhook.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {postbacks.map((p) => (
              <li key={p.id} className="flex flex-wrap items-start gap-3 px-5 py-4" data-testid="postback-row">
                <div className="min-w-0 flex-1 space-y-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone="info">{p.kind === "url" ? "URL template" : "Webhook"}</Badge>
                    <span className="text-sm text-slate-600">{p.offerName ?? "All offers"}</span>
                    <span className="text-xs text-slate-500">{p.events.length ? `events: ${p.events.join(", ")}` : "every event"}</span>
                    {p.status === "paused" ? <Badge>Paused</Badge> : null}
                  </div>
                  <code className="block break-all text-xs text-slate-800">{p.url}</code>
                  {p.secret ? (
                    <div className="flex items-center gap-2 text-xs text-slate-500">
                      Signing secret <code>…{p.secret.slice(-6)}</code> <CopyButton value={p.secret} label="Copy secret" />
                    </div>
                  ) : null}
                </div>
                <PostbackStatusButton id={p.id} status={p.status} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card className="mt-8">
        <CardHeader title="Delivery log" description="Every attempt: failed ones are retried with backoff for up to 3 days." />
        {log.items.length === 0 ? (
          <EmptyState icon={History} title="Nothing sent yet" />
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>When</TH>
                <TH>Conversion</TH>
                <TH>Attempt</TH>
                <TH>Result</TH>
                <TH>Request</TH>
                <TH className="text-right">Action</TH>
              </tr>
            </THead>
            <TBody>
              {log.items.map((d) => (
                <tr key={d.id} data-testid="delivery-row">
                  <TD className="whitespace-nowrap">{formatDateTime(d.attemptedAt ?? d.scheduledFor)}</TD>
                  <TD>
                    <span className="font-mono text-xs uppercase">{d.event}</span>
                    <span className="block text-xs text-slate-400">txn {d.txnId}</span>
                  </TD>
                  <TD className="tabular-nums">
                    {d.attempt}
                    {d.series > 0 ? <span className="text-xs text-slate-400"> (resend {d.series})</span> : null}
                  </TD>
                  <TD>
                    <Badge tone={DELIVERY_TONE[d.status]}>{d.status === "scheduled" ? "Scheduled" : d.status === "delivered" ? `Delivered ${d.responseStatus}` : "Failed"}</Badge>
                    {d.error ? <span className="mt-1 block max-w-xs text-xs text-slate-500">{d.error}</span> : null}
                  </TD>
                  <TD className="max-w-sm">
                    <code className="block truncate text-xs text-slate-600" title={d.requestUrl ?? ""}>
                      {d.method} {d.requestUrl}
                    </code>
                  </TD>
                  <TD>
                    <div className="flex justify-end">{d.status !== "scheduled" ? <ResendButton postbackId={d.postbackId} conversionId={d.conversionId} /> : null}</div>
                  </TD>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
        <Pagination total={log.total} page={page} pageSize={PAGE_SIZE} href={(p) => `/portal/postbacks?page=${p}`} />
      </Card>
    </>
  );
}
