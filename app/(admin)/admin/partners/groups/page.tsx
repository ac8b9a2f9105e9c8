import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, Users } from "lucide-react";
import { DeleteGroupButton, GroupForm, GroupPlanForm } from "@/components/partners/group-controls";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Partner groups" };

export default async function PartnerGroupsPage() {
  const api = await serverCaller();
  const [groups, programs, offers] = await Promise.all([api.onboarding.groups(), api.programs.list(), api.offers.list({})]);
  const active = programs.filter((p) => p.status === "active");
  const choices = await Promise.all(
    active.map(async (p) => ({
      programId: p.id,
      programName: p.name,
      plans: (await api.plans.list({ programId: p.id })).map((pl) => ({ id: pl.id, name: pl.name })),
      offers: offers.filter((o) => o.programId === p.id && o.status !== "archived").map((o) => ({ id: o.id, name: o.name })),
    })),
  );
  return (
    <>
      <Link href="/admin/partners" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="size-4" aria-hidden /> Partners
      </Link>
      <PageHeader title="Partner groups" description="Group partners (e.g. Gold) to give them a plan at once or show them an offer. Add partners to a group on their page." />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Groups" />
          <CardBody className="space-y-4">
            <GroupForm />
            {groups.length === 0 ? (
              <EmptyState icon={Users} title="No groups yet">
                Add one above, then open a partner and tick their groups.
              </EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100" data-testid="group-list">
                {groups.map((g) => (
                  <li key={g.id} className="space-y-2 py-3">
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <p className="text-sm">
                        <span className="font-medium text-slate-900">{g.name}</span>{" "}
                        <Link href={`/admin/partners?status=all&groupId=${g.id}`} className="text-brand-600 hover:underline">
                          {g.members} member{g.members === 1 ? "" : "s"}
                        </Link>
                        {g.description ? <span className="text-slate-500"> · {g.description}</span> : null}
                      </p>
                      <DeleteGroupButton groupId={g.id} name={g.name} />
                    </div>
                    <details>
                      <summary className="cursor-pointer text-sm text-slate-500">Rename</summary>
                      <div className="pt-2">
                        <GroupForm group={g} />
                      </div>
                    </details>
                  </li>
                ))}
              </ul>
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Assign a plan to a group" description="Every current member gets the plan as their own assignment; partners who join the group later do not." />
          <CardBody>
            <GroupPlanForm groups={groups} programs={choices} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
