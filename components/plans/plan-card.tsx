import { formatDate } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { AssignPlanDialog } from "./assign-plan-dialog";
import { NewVersionDialog } from "./new-version-dialog";
import { TermsLines } from "./terms-lines";

type Version = { id: string; version: number; effectiveFrom: Date; note: string; terms: { currency: string; components: Record<string, unknown> }; summary: string[] };
type Assignment = { id: string; partnerName: string | null; offerName: string | null; effectiveFrom: Date; note: string };
export type PlanView = { id: string; name: string; description: string | null; versions: Version[]; assignments: Assignment[] };
type Option = { id: string; name: string };

/** The version in force now (versions come newest first), and one scheduled to replace it, if any. */
function inForce(versions: Version[], now: Date) {
  const current = versions.find((v) => v.effectiveFrom.getTime() <= now.getTime()) ?? versions[versions.length - 1];
  const next = versions.filter((v) => v.effectiveFrom.getTime() > now.getTime()).at(-1);
  return { current, next };
}

/** One plan: its terms now, where it is assigned, and every version with the note partners read. */
export function PlanCard({ programId, plan, partners, groups = [], offers, now }: { programId: string; plan: PlanView; partners: Option[]; groups?: Option[]; offers: Option[]; now: Date }) {
  const { current, next } = inForce(plan.versions, now);
  const latest = plan.versions[0];
  return (
    <Card data-testid="plan-card">
      <CardHeader
        title={plan.name}
        description={plan.description ?? undefined}
        actions={
          <div className="flex gap-2">
            {latest ? <NewVersionDialog plan={{ id: plan.id, name: plan.name, latest: latest.terms }} /> : null}
            <AssignPlanDialog programId={programId} plan={{ id: plan.id, name: plan.name }} partners={partners} groups={groups} offers={offers} />
          </div>
        }
      />
      <div className="grid gap-6 px-5 py-4 md:grid-cols-2">
        <div>
          <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
            Terms now {current ? <Badge tone="info">v{current.version}</Badge> : null}
          </h3>
          <TermsLines terms={current?.summary ?? []} className="mt-2 text-slate-800" empty="No version yet" />
          {next ? (
            <div className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              <p className="font-medium">
                v{next.version} from {formatDate(next.effectiveFrom)}
              </p>
              <TermsLines terms={next.summary} className="text-amber-900" />
            </div>
          ) : null}
        </div>
        <div>
          <h3 className="text-sm font-semibold text-slate-900">Assigned to</h3>
          {plan.assignments.length === 0 ? (
            <p className="mt-2 text-sm text-slate-500">Not assigned yet: it pays nobody until you assign it.</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="plan-assignments">
              {plan.assignments.map((a) => (
                <li key={a.id} className="py-1.5">
                  <p className="text-slate-800">
                    <span className="font-medium">{a.partnerName ?? "All partners"}</span> · {a.offerName ?? "every offer"}
                    <span className="text-slate-500">
                      {" "}
                      {a.effectiveFrom.getTime() > now.getTime() ? "from" : "since"} {formatDate(a.effectiveFrom)}
                    </span>
                  </p>
                  <p className="text-xs text-slate-500">{a.note}</p>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="border-t border-slate-200">
        <h3 className="px-5 pt-4 pb-2 text-sm font-semibold text-slate-900">Version history</h3>
        <Table>
          <THead>
            <tr>
              <TH>Version</TH>
              <TH>Effective from</TH>
              <TH>Terms</TH>
              <TH>Note</TH>
            </tr>
          </THead>
          <TBody>
            {plan.versions.map((v) => (
              <tr key={v.id} data-testid="plan-version">
                <TD className="whitespace-nowrap font-medium text-slate-900">
                  v{v.version}
                  {v.id === current?.id ? <span className="ml-2 text-xs font-normal text-green-700">in force</span> : null}
                </TD>
                <TD className="whitespace-nowrap">{formatDate(v.effectiveFrom)}</TD>
                <TD className="min-w-64">
                  <TermsLines terms={v.summary} />
                </TD>
                <TD className="min-w-48 text-slate-600">{v.note}</TD>
              </tr>
            ))}
          </TBody>
        </Table>
      </div>
    </Card>
  );
}
