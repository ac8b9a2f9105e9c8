import type { Metadata } from "next";
import { ScrollText } from "lucide-react";
import { NewPlanDialog } from "@/components/plans/new-plan-dialog";
import { OfferRulesTable } from "@/components/plans/offer-rules-table";
import { PlanCard } from "@/components/plans/plan-card";
import { PlanWhatIf } from "@/components/plans/plan-what-if";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Commission plans" };

export default async function PlansPage({ searchParams }: { searchParams: Promise<{ program?: string }> }) {
  const { program: wanted } = await searchParams;
  const api = await serverCaller();
  const programs = await api.admin.program();
  const program = programs.find((p) => p.id === wanted) ?? programs[0];
  const description = "What partners earn: versioned plans, assigned to partners and offers. A change applies from its date; what was earned before keeps its terms.";
  if (!program) {
    return (
      <>
        <PageHeader title="Commission plans" description={description} />
        <Card>
          <EmptyState icon={ScrollText} title="No program yet">
            Create a program first at Admin → Programs (or load the demo with DEMO_SEED=true on an empty database).
          </EmptyState>
        </Card>
      </>
    );
  }
  const [plans, options, groups] = await Promise.all([api.plans.list({ programId: program.id }), api.coupons.options(), api.onboarding.groups()]);
  const offers = program.offers.map((o) => ({ id: o.id, name: o.name }));
  const currency = program.offers[0]?.currency ?? "USD";
  const now = new Date();
  return (
    <>
      <PageHeader title="Commission plans" description={description} actions={<NewPlanDialog programId={program.id} currency={currency} />} />
      {programs.length > 1 ? (
        <Card className="mb-8">
          <FilterTabs tabs={programs.map((p) => ({ value: p.id, label: p.name }))} current={program.id} href={(id) => `/admin/plans?program=${id}`} />
        </Card>
      ) : null}
      <div className="space-y-8">
        {plans.length === 0 ? (
          <Card>
            <EmptyState icon={ScrollText} title="No plans yet">
              Create a plan with “New plan”, then assign it as an offer&apos;s default or to a partner.
            </EmptyState>
          </Card>
        ) : (
          plans.map((plan) => <PlanCard key={plan.id} programId={program.id} plan={plan} partners={options.partners} groups={groups} offers={offers} now={now} />)
        )}
        <Card>
          <CardHeader title="What if" description="What an existing plan, a changed copy of its terms or a draft would have paid some partners over a past period, priced by accrual itself on their real conversions, next to what they were paid." />
          <PlanWhatIf
            programId={program.id}
            currency={currency}
            plans={plans.map((p) => ({ id: p.id, name: p.name, latest: p.versions[0]?.terms ?? null }))}
            partners={options.partners}
            offers={program.offers.map((o) => ({ id: o.id, name: o.name, currency: o.currency }))}
          />
        </Card>
        <Card>
          <CardHeader title="Offer rules" description="When an offer's events earn the CPA, how long commissions are held, and whether they approve themselves." />
          <OfferRulesTable offers={program.offers} />
        </Card>
      </div>
    </>
  );
}
