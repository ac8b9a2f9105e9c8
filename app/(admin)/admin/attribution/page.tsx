import type { Metadata } from "next";
import { Waypoints } from "lucide-react";
import { OfferModelTable } from "@/components/attribution/offer-model-table";
import { ProgramModelForm } from "@/components/attribution/program-model-form";
import { lastDays } from "@/components/attribution/range";
import { Reattribution } from "@/components/attribution/reattribution";
import { RecentRuns } from "@/components/attribution/recent-runs";
import { Simulator } from "@/components/attribution/simulator";
import { DataDrivenFit } from "@/components/attribution/data-driven-fit";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Attribution" };

export default async function AttributionPage({ searchParams }: { searchParams: Promise<{ program?: string }> }) {
  const { program: wanted } = await searchParams;
  const api = await serverCaller();
  const programs = await api.admin.program();
  const current = programs.find((p) => p.id === wanted) ?? programs[0];
  const header = <PageHeader title="Attribution" description="Who gets the credit when several partners touched a conversion, tested before it changes anything." />;
  if (!current) {
    return (
      <>
        {header}
        <Card>
          <EmptyState icon={Waypoints} title="No program yet">
            Create a program first at Admin → Programs (or load the demo with DEMO_SEED=true on an empty database).
          </EmptyState>
        </Card>
      </>
    );
  }
  const [settings, runs] = await Promise.all([api.attribution.settings({ programId: current.id }), api.attribution.runs({ programId: current.id })]);
  const { program } = settings;
  const range = lastDays(30);
  return (
    <>
      {header}
      {programs.length > 1 ? (
        <Card className="mb-8">
          <FilterTabs tabs={programs.map((p) => ({ value: p.id, label: p.name }))} current={program.id} href={(id) => `/admin/attribution?program=${id}`} />
        </Card>
      ) : null}
      <div className="space-y-8">
        <Card>
          <CardHeader title="Model" description={`How ${program.name} splits a conversion's credit between the partners whose clicks led to it.`} />
          <ProgramModelForm key={program.id} programId={program.id} model={program.model} priority={program.priority} />
          <div className="border-t border-slate-200">
            <DataDrivenFit programId={program.id} fit={settings.fit} minConversions={settings.minConversions} />
          </div>
          <div className="border-t border-slate-200">
            <h3 className="px-5 pt-4 text-sm font-semibold text-slate-900">Per-offer models</h3>
            <p className="px-5 pb-3 text-sm text-slate-500">An offer can use its own model instead of the program&apos;s.</p>
            <OfferModelTable offers={settings.offers} programModel={program.model} />
          </div>
        </Card>
        <Card>
          <CardHeader title="Simulator" description="The same conversions decided under several models side by side: each partner's credited conversions and payout." />
          <Simulator key={program.id} programId={program.id} programModel={program.model} defaultRange={range} />
        </Card>
        <Card>
          <CardHeader title="Re-attribute past conversions" description="Apply the current settings to a past period. Preview first; paid commissions are never changed." />
          <Reattribution key={program.id} programId={program.id} defaultRange={range} />
          <div className="border-t border-slate-200">
            <h3 className="px-5 pt-4 pb-3 text-sm font-semibold text-slate-900">Recent runs</h3>
            <RecentRuns runs={runs} />
          </div>
        </Card>
      </div>
    </>
  );
}
