import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, ShieldCheck } from "lucide-react";
import { OfferFraudTable, ProgramFraudForm } from "@/components/fraud/fraud-settings";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Fraud settings" };

export default async function FraudSettingsPage({ searchParams }: { searchParams: Promise<{ program?: string }> }) {
  const { program: wanted } = await searchParams;
  const api = await serverCaller();
  const programs = await api.admin.program();
  const current = programs.find((p) => p.id === wanted) ?? programs[0];
  const back = (
    <Link href={`/admin/fraud${current ? `?program=${current.id}` : ""}`} className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-brand-600 hover:underline">
      <ArrowLeft className="size-4" aria-hidden /> Fraud review
    </Link>
  );
  const header = <PageHeader title="Fraud settings" description="Each rule adds points to a conversion's score; the total decides: allow, flag, hold or reject. Changes apply to new checks." />;
  if (!current) {
    return (
      <>
        {back}
        {header}
        <Card>
          <EmptyState icon={ShieldCheck} title="No program yet" />
        </Card>
      </>
    );
  }
  const settings = await api.fraud.settings({ programId: current.id });
  return (
    <>
      {back}
      {header}
      {programs.length > 1 ? (
        <Card className="mb-8">
          <FilterTabs tabs={programs.map((p) => ({ value: p.id, label: p.name }))} current={current.id} href={(id) => `/admin/fraud/settings?program=${id}`} />
        </Card>
      ) : null}
      <div className="space-y-8">
        <Card>
          <CardHeader title="Per offer" description="An offer follows the program's settings except where it overrides them, and may accept only some countries." />
          <OfferFraudTable offers={settings.offers} program={settings.config} />
        </Card>
        <Card>
          <CardHeader title={`${settings.program.name}: program settings`} description="The defaults of every offer. A rule with 0 points still reports what it sees, so you can watch it before it counts." />
          <CardBody>
            <ProgramFraudForm key={JSON.stringify(settings.config)} programId={current.id} config={settings.config} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
