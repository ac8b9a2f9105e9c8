import type { Metadata } from "next";
import { History, ScrollText } from "lucide-react";
import { formatDate } from "@/components/format";
import { KpiProgress } from "@/components/kpi/kpi-progress";
import { TermsLines } from "@/components/plans/terms-lines";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Terms" };

/** A server component renders once per request, so "now" is the request's moment. */
const isUpcoming = (at: Date) => at.getTime() > Date.now();

export default async function TermsPage() {
  const api = await serverCaller();
  const [{ current, history }, conditions, kpi] = await Promise.all([api.partner.terms(), api.onboarding.myTerms(), api.partner.kpiProgress()]);
  return (
    <>
      <PageHeader title="Your terms" description="What each offer pays you now, and every change with the date it took effect." />
      <div className="space-y-8">
        <Card>
          <CardHeader title="Current terms" />
          {current.length === 0 ? (
            <EmptyState icon={ScrollText} title="No active offers">
              When the program has an offer for you, its terms show here.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {current.map((o) => (
                <li key={o.offerId} className="grid gap-3 px-5 py-4 md:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]" data-testid="terms-offer">
                  <div>
                    <p className="font-medium text-slate-900">{o.offerName}</p>
                    {o.plan ? (
                      <p className="mt-0.5 text-xs text-slate-500">
                        {o.plan.name}, version {o.plan.version} · {o.plan.scope}
                      </p>
                    ) : null}
                  </div>
                  <div>
                    <TermsLines terms={o.plan?.summary ?? []} className="font-medium text-slate-900" empty="Terms not set yet: ask your program manager" />
                    <p className="mt-1 text-xs text-slate-500">
                      {o.holdDays ? `Commissions are held ${o.holdDays} days before they can be approved.` : "No hold: commissions can be approved at once."}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <KpiProgress current={kpi.current} settled={kpi.settled} />
        <Card>
          <CardHeader title="History" description="Newest first. A change never alters what you earned before its date." />
          {history.length === 0 ? (
            <EmptyState icon={History} title="No changes yet" />
          ) : (
            <ol className="divide-y divide-slate-100" data-testid="terms-history">
              {history.map((h, i) => (
                <li key={i} className="grid gap-1 px-5 py-3 sm:grid-cols-[9rem_minmax(0,1fr)] sm:gap-4">
                  <p className="text-sm whitespace-nowrap text-slate-500">
                    {formatDate(h.at)}
                    {isUpcoming(h.at) ? (
                      <Badge tone="warning" className="ml-2">
                        Upcoming
                      </Badge>
                    ) : null}
                  </p>
                  <div>
                    <p className="text-sm text-slate-900">{h.what}</p>
                    {h.note ? <p className="text-xs text-slate-500">{h.note}</p> : null}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </Card>
        {conditions.terms ? (
          <Card>
            <CardHeader title="Terms and conditions" description={`Version ${conditions.terms.version}, in force since ${formatDate(conditions.terms.publishedAt)}. You accepted it.`} />
            <div className="whitespace-pre-wrap px-5 py-4 text-sm text-slate-700" data-testid="terms-and-conditions">
              {conditions.terms.body}
            </div>
          </Card>
        ) : null}
      </div>
    </>
  );
}
