import type { Metadata } from "next";
import { Network } from "lucide-react";
import { formatDate, formatMoney } from "@/components/format";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { config } from "@/server/config";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Sub-affiliates" };

const pct = (bp: number) => `${(bp / 100).toLocaleString("en-GB", { maximumFractionDigits: 2 })}%`;

export default async function SubAffiliatesPage() {
  const api = await serverCaller();
  const subs = await api.partner.subAffiliates();
  const recruitLink = subs.recruitCode ? `${config().appUrl.replace(/\/$/, "")}/signup?ref=${subs.recruitCode}` : null;
  return (
    <>
      <PageHeader title="Sub-affiliates" description="Partners you recruit become your sub-affiliates: you earn an override on what they earn." />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Your recruit link" description="Share it: whoever signs up through it becomes your sub-affiliate once approved." />
          <CardBody>
            {recruitLink ? (
              <div className="flex flex-wrap items-center gap-2">
                <code className="break-all rounded-md bg-slate-100 px-3 py-2 text-sm" data-testid="recruit-link">
                  {recruitLink}
                </code>
                <CopyButton value={recruitLink} />
              </div>
            ) : (
              <p className="text-sm text-slate-500">Your recruit link appears here once your account is approved.</p>
            )}
            {subs.overrideTerms.length > 0 ? (
              <ul className="mt-4 space-y-1 text-sm text-slate-600">
                {subs.overrideTerms.map((t) => (
                  <li key={t.plan}>
                    <span className="font-medium text-slate-800">{t.plan}</span>: {t.levels.map((l) => `level ${l.level} ${pct(l.bp)}`).join(", ")} of your sub-affiliates&apos; commissions
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-4 text-sm text-slate-500">The program&apos;s plans pay no overrides at the moment.</p>
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Your sub-affiliates" />
          {subs.recruits.length === 0 ? (
            <EmptyState icon={Network} title="No sub-affiliates yet">
              Share your recruit link with people who could promote the program.
            </EmptyState>
          ) : (
            <Table>
              <THead>
                <tr>
                  <TH>Partner</TH>
                  <TH className="hidden sm:table-cell">Joined</TH>
                  <TH className="hidden sm:table-cell">Status</TH>
                  <TH className="text-right">Your overrides</TH>
                </tr>
              </THead>
              <TBody>
                {subs.recruits.map((r) => (
                  <tr key={r.id} data-testid="recruit-row">
                    <TD>
                      {r.name}
                      {r.current ? null : <span className="text-xs text-slate-500"> (no longer yours)</span>}
                    </TD>
                    <TD className="hidden whitespace-nowrap sm:table-cell">{formatDate(r.joinedAt)}</TD>
                    <TD className="hidden sm:table-cell">
                      <StatusBadge status={r.status} />
                    </TD>
                    <TD className="text-right tabular-nums">{r.earnings.length === 0 ? "—" : r.earnings.map((e) => formatMoney(e.amount, e.currency)).join(" · ")}</TD>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
