import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime, formatMoney } from "@/components/format";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Click" };

export default async function ClickPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) notFound();
  const api = await serverCaller();
  const data = await api.reports.click({ id });
  if (!data) notFound();
  const c = data.click;
  const facts: [string, string | null][] = [
    ["Time", formatDateTime(c.createdAt)],
    ["Partner", data.partnerName],
    ["Offer", data.offerName],
    ["Link", data.linkCode],
    ["Visitor", c.visitorId],
    ["IP", c.ip],
    ["Country", c.country],
    ["Device", [c.deviceType, c.os, c.browser].filter(Boolean).join(" · ") || null],
    ["Bot", c.isBot ? "yes" : "no"],
    ["Referrer", c.referrer],
    ["Deep link", c.deepLink],
    ["Sub-IDs", [c.sub1, c.sub2, c.sub3, c.sub4, c.sub5].map((s, i) => (s ? `sub${i + 1}=${s}` : null)).filter(Boolean).join(", ") || null],
    ["UTM", [["source", c.utmSource], ["medium", c.utmMedium], ["campaign", c.utmCampaign], ["term", c.utmTerm], ["content", c.utmContent]].filter(([, v]) => v).map(([k, v]) => `${k}=${v}`).join(", ") || null],
    ["User agent", c.userAgent],
  ];
  return (
    <>
      <PageHeader title={`Click ${c.id}`} description="What the click carried, and the conversions reported against it." />
      <Card>
        <dl className="grid gap-x-6 gap-y-3 p-5 sm:grid-cols-2">
          {facts.map(([k, v]) => (
            <div key={k} className="min-w-0">
              <dt className="text-xs font-medium text-slate-500">{k}</dt>
              <dd className="break-words text-sm text-slate-900">{v ?? "—"}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card className="mt-6">
        <CardHeader title="Conversions of this click" description="Open one to see its journey and who was credited." />
        {data.conversions.length === 0 ? (
          <p className="px-5 py-6 text-sm text-slate-500">No conversion reported this click id yet. Your backend sends it as click_id to /api/postback.</p>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Time</TH>
                <TH>Event</TH>
                <TH className="text-right">Amount</TH>
                <TH>Attribution</TH>
                <TH>Fraud</TH>
              </tr>
            </THead>
            <TBody>
              {data.conversions.map((v) => (
                <tr key={v.id}>
                  <TD>
                    <Link href={`/admin/conversions/${v.id}`} className="font-medium text-brand-600 hover:underline">
                      {formatDateTime(v.occurredAt)}
                    </Link>
                  </TD>
                  <TD>{v.event}</TD>
                  <TD className="text-right tabular-nums">{v.amount !== null && v.currency ? formatMoney(v.amount, v.currency) : "—"}</TD>
                  <TD>{v.attributionStatus}</TD>
                  <TD>{v.fraudStatus}</TD>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
