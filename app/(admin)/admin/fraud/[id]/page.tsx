import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, ExternalLink, ShieldCheck } from "lucide-react";
import { DetailList } from "@/components/attribution/explanation";
import { BlockDialog } from "@/components/fraud/block-dialog";
import { ClickTable, RuleOutputs } from "@/components/fraud/evidence";
import { formatSeconds } from "@/components/fraud/labels";
import { ReplyToAppeal, ReviewActions } from "@/components/fraud/review-actions";
import { ActionBadge, ReviewBadge } from "@/components/fraud/verdict-badges";
import { formatDateTime, formatMoney } from "@/components/format";
import { orNotFound } from "@/components/layout/or-not-found";
import { StatusBadge } from "@/components/status-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Fraud review item" };

export default async function FraudCheckPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverCaller();
  const x = await orNotFound(api.fraud.check({ checkId: id }));
  const { check, conversion: c, blockable } = x;
  const decidedByAdmin = check.decidedBy !== null;
  const openAppeal = x.appeals.some((a) => a.status === "open");
  const canClear = check.reviewStatus === "open" || (check.reviewStatus === "rejected" && !decidedByAdmin);
  const canReject = !(check.reviewStatus === "rejected" && decidedByAdmin);
  const attributedClick = check.facts.click;
  const partners = [{ id: check.partnerId, name: check.partnerName }];
  const unblockedSub = blockable.subIds.find((s) => !s.blocked);
  return (
    <>
      <Link href={`/admin/fraud?program=${check.programId}`} className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-brand-600 hover:underline">
        <ArrowLeft className="size-4" aria-hidden /> Fraud review
      </Link>
      <PageHeader
        title={`${c.event.toUpperCase()} by ${check.partnerName}`}
        description={`${check.offerName} · txn ${c.txnId} · ${formatDateTime(c.occurredAt)}`}
        actions={<ReviewActions checkId={check.id} canClear={canClear} canReject={canReject} hasAppeal={openAppeal} />}
      />
      <div className="space-y-8">
        <Card>
          <CardHeader title="Verdict" description={check.summary} actions={<ActionBadge action={check.action} score={check.score} />} />
          <CardBody>
            <DetailList
              items={[
                { label: "Review", value: <ReviewBadge status={check.reviewStatus} byRules={!decidedByAdmin} /> },
                {
                  label: "Decided",
                  value: check.decidedAt ? `${formatDateTime(check.decidedAt)}${check.decidedByName ? ` by ${check.decidedByName}` : " by the rules"}` : <span className="text-slate-400">Waiting</span>,
                },
                { label: "Thresholds", value: `flag ${check.thresholds.flagAt} · hold ${check.thresholds.holdAt} · reject ${check.thresholds.rejectAt}` },
                { label: "Amount", value: c.amount !== null && c.currency ? formatMoney(c.amount, c.currency) : <span className="text-slate-400">Not reported</span> },
                { label: "Click to conversion", value: formatSeconds(check.facts.ctitSeconds) },
                { label: "Click address", value: attributedClick?.ip ? <span className="font-mono">{attributedClick.ip}</span> : <span className="text-slate-400">No click</span> },
                { label: "Customer address", value: check.facts.customerIp ? <span className="font-mono">{check.facts.customerIp}</span> : <span className="text-slate-400">Not reported</span> },
                {
                  label: "Conversion",
                  value: (
                    <Link href={`/admin/conversions/${c.id}`} className="inline-flex items-center gap-1 text-brand-600 hover:underline">
                      Attribution <ExternalLink className="size-3.5" aria-hidden />
                    </Link>
                  ),
                },
              ]}
            />
            {check.decisionNote ? <p className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">Note: {check.decisionNote}</p> : null}
            <p className="mt-4 text-sm text-slate-500">
              The partner sees:{" "}
              <span className="text-slate-700">
                {x.partnerReasons.length > 0 ? x.partnerReasons.map((r) => r.label).join(", ") : "nothing (no rule fired)"}
              </span>
            </p>
          </CardBody>
        </Card>

        <Card>
          <CardHeader title="Rule outputs" description="Each rule that fired, what it saw and the points it added." />
          {check.hits.length === 0 ? <EmptyState icon={ShieldCheck} title="No rule fired" /> : <RuleOutputs hits={check.hits} />}
        </Card>

        <Card>
          <CardHeader
            title="Clicks"
            description="The conversion's journey; the click the checks judged is highlighted."
            actions={
              <div className="flex flex-wrap gap-2">
                {blockable.ip && !blockable.ipBlocked ? <BlockDialog programId={check.programId} partners={partners} initial={{ kind: "ip", value: blockable.ip }} label="Block this IP" /> : null}
                {unblockedSub ? <BlockDialog programId={check.programId} partners={partners} initial={{ kind: "sub_id", value: unblockedSub.value, partnerId: check.partnerId }} label="Block sub-ID" /> : null}
                {blockable.ipBlocked ? <Badge tone="danger">IP blocked</Badge> : null}
              </div>
            }
          />
          {x.journey.length === 0 ? <EmptyState icon={ShieldCheck} title="No click">Credited by a customer binding or a coupon.</EmptyState> : <ClickTable rows={x.journey} partnerId={check.partnerId} highlight={check.clickId} />}
          {x.sameIpClicks.length > 0 ? (
            <div className="border-t border-slate-200">
              <h3 className="px-5 pt-4 text-sm font-semibold text-slate-900">Other clicks from {attributedClick?.ip}</h3>
              <p className="px-5 pb-3 text-sm text-slate-500">Outside this journey, on any link: the latest {x.sameIpClicks.length}, up to a day after the judged click.</p>
              <ClickTable rows={x.sameIpClicks} partnerId={check.partnerId} />
            </div>
          ) : null}
        </Card>

        {x.appeals.length > 0 ? (
          <Card>
            <CardHeader title="Appeals" description="What the partner wrote, and the answers they were given." />
            <ul className="divide-y divide-slate-100">
              {x.appeals.map((a) => (
                <li key={a.id} className="px-5 py-4" data-testid="appeal">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="text-xs text-slate-500">{formatDateTime(a.createdAt)}</span>
                    {a.status === "open" ? <ReplyToAppeal appealId={a.id} /> : <Badge tone="success">Answered</Badge>}
                  </div>
                  <p className="mt-1 whitespace-pre-line text-sm text-slate-900">{a.message}</p>
                  {a.reply ? (
                    <p className="mt-2 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
                      <span className="font-medium">{a.repliedByName ?? "Admin"}:</span> {a.reply}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}

        <Card>
          <CardHeader title="Commissions" description="What this conversion earned; a rejection reverses all of it." />
          {x.commissions.length === 0 ? (
            <EmptyState icon={ShieldCheck} title="No commission">
              {c.commissionNote ?? "Nothing was accrued for this conversion."}
            </EmptyState>
          ) : (
            <Table>
              <THead>
                <tr>
                  <TH>Commission</TH>
                  <TH>Kind</TH>
                  <TH className="text-right">Amount</TH>
                  <TH>Status</TH>
                </tr>
              </THead>
              <TBody>
                {x.commissions.map((m) => (
                  <tr key={m.id}>
                    <TD className="font-mono text-xs">{m.id}</TD>
                    <TD>{m.kind}</TD>
                    <TD className="text-right tabular-nums">{formatMoney(m.amount, m.currency)}</TD>
                    <TD>
                      <StatusBadge status={m.status} />
                    </TD>
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
