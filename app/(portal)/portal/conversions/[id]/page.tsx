import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, Info } from "lucide-react";
import { DetailList, RuleList } from "@/components/attribution/explanation";
import { JourneyTimeline } from "@/components/attribution/journey-timeline";
import { PartnerCommissions } from "@/components/attribution/partner-commissions";
import { evidenceLabel, modelLabel, percent } from "@/components/attribution/models";
import { PartnerReviewCard, reviewHeadline } from "@/components/fraud/partner-review";
import { formatDateTime, formatMoney } from "@/components/format";
import { orNotFound } from "@/components/layout/or-not-found";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Why you were credited" };

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const TONE = { pending: "warning", approved: "info", paid: "success" } as const;

export default async function PartnerConversionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverCaller();
  const [x, links, review] = await Promise.all([orNotFound(api.attribution.explainMine({ conversionId: id })), api.partner.links(), api.fraud.myReview({ conversionId: id })]);
  const current = x.commissions.filter((c) => c.version === x.version);
  const status = current[0]?.status ?? null;
  const amount = current.map((c) => formatMoney(c.amount, c.currency)).join(" + ") || "No commission";
  const linkNames = Object.fromEntries(links.map((l) => [l.linkId, l.label ?? `/r/${l.alias ?? l.code}`]));
  return (
    <>
      <Link href="/portal/earnings" className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-brand-600 hover:underline">
        <ArrowLeft className="size-4" aria-hidden /> Earnings
      </Link>
      <PageHeader
        title={x.credit > 0 ? "Why you were credited" : "Why you were not credited"}
        description={`${x.conversion.offerName} · ${x.conversion.event.toUpperCase()} · ${formatDateTime(x.conversion.occurredAt)}`}
      />
      <div className="grid grid-cols-3 gap-2 sm:gap-4">
        <Stat label="Your share" value={percent(x.credit)} hint={x.otherPartners ? `Shared with ${x.otherPartners} other partner${x.otherPartners === 1 ? "" : "s"}` : "All of the credit"} tone="info" />
        <Stat label="Commission" value={amount} hint="Your share of the offer's commission" tone="success" />
        {review?.status ? (
          <Stat label="Status" value={review.status === "held" ? "Held for review" : "Rejected"} hint={reviewHeadline(review)} tone="warning" />
        ) : (
          <Stat label="Status" value={status ? capitalize(status) : "—"} hint="Of your commission" tone={status && status in TONE ? TONE[status as keyof typeof TONE] : "neutral"} />
        )}
      </div>

      <div className="mt-8 space-y-8">
        {review ? <PartnerReviewCard conversionId={x.conversion.id} review={review} /> : null}
        <Card>
          <CardHeader title="The journey" description="The clicks that led to this conversion, oldest first. Other partners' clicks show only their time and weight." />
          <JourneyTimeline touchpoints={x.touchpoints} linkNames={linkNames} source={x.source} />
        </Card>
        <Card>
          <CardHeader title="How it was decided" />
          <CardBody className="space-y-5">
            <DetailList
              className="lg:grid-cols-3"
              items={[
                { label: "Model", value: modelLabel(x.model) },
                { label: "Evidence", value: evidenceLabel(x.source) },
                ...(x.fellBackTo ? [{ label: "Fell back to", value: capitalize(x.fellBackTo.replace("_", " ")) }] : []),
              ]}
            />
            <div>
              <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">Rules applied</h3>
              <div className="mt-1">
                <RuleList rules={x.rules} />
              </div>
            </div>
            {x.reattributed ? (
              <p className="flex gap-2 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-800">
                <Info className="mt-0.5 size-4 shrink-0" aria-hidden />
                This conversion was decided again (version {x.version}), by a re-attribution or a partial refund. The commissions of earlier versions were reversed; each says why below.
              </p>
            ) : null}
          </CardBody>
          <PartnerCommissions commissions={x.commissions} currentVersion={x.version} />
        </Card>
      </div>
    </>
  );
}

