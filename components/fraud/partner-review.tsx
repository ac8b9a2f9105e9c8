import { CircleAlert, ShieldAlert } from "lucide-react";
import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { AppealForm } from "./appeal-form";

export type PartnerReview = {
  status: "held" | "rejected" | null;
  reasons: { category: string; label: string; message: string }[];
  appeals: { id: string; message: string; status: "open" | "answered"; reply: string | null; repliedAt: Date | null; createdAt: Date }[];
  canAppeal: boolean;
};

/** "Held for review" or "Rejected: <category>". A partner reads what kind of problem, never how it was detected. */
export function reviewHeadline(r: Pick<PartnerReview, "status" | "reasons">): string {
  if (r.status === "held") return "Held for review";
  if (r.status === "rejected") return `Rejected: ${r.reasons.map((x) => x.label).join(", ") || "the program's traffic rules"}`;
  return "Reviewed";
}

/** The partner's view of a conversion's review: the status, the reason categories, their appeals, and the form. */
export function PartnerReviewCard({ conversionId, review }: { conversionId: string; review: PartnerReview }) {
  return (
    <Card data-testid="partner-review">
      <CardHeader
        title="Traffic review"
        description={review.status === "held" ? "The program is reviewing this conversion before its commission can be approved." : review.status === "rejected" ? "This conversion earns no commission." : "This conversion was reviewed."}
        actions={review.status ? <Badge tone={review.status === "held" ? "warning" : "danger"}>{reviewHeadline(review)}</Badge> : null}
      />
      <CardBody className="space-y-5">
        {review.reasons.length > 0 ? (
          <ul className="space-y-2">
            {review.reasons.map((r) => (
              <li key={r.category} className="flex gap-2 text-sm text-slate-700">
                <ShieldAlert className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden />
                <span>
                  <span className="font-medium capitalize text-slate-900">{r.label}.</span> {r.message}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        {review.appeals.length > 0 ? (
          <div>
            <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">Your appeals</h3>
            <ul className="mt-2 space-y-3">
              {review.appeals.map((a) => (
                <li key={a.id} className="rounded-md border border-slate-200 px-3 py-2 text-sm" data-testid="my-appeal">
                  <p className="text-xs text-slate-500">
                    {formatDateTime(a.createdAt)} · {a.status === "open" ? "waiting for an answer" : "answered"}
                  </p>
                  <p className="mt-1 whitespace-pre-line text-slate-900">{a.message}</p>
                  {a.reply ? <p className="mt-2 rounded bg-slate-50 px-2 py-1.5 text-slate-700">Program: {a.reply}</p> : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {review.canAppeal ? (
          <AppealForm conversionId={conversionId} />
        ) : review.status && review.appeals.some((a) => a.status === "open") ? (
          <p className="flex gap-2 text-sm text-slate-600">
            <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden /> You can write again once the program has answered.
          </p>
        ) : null}
      </CardBody>
    </Card>
  );
}
