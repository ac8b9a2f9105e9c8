import type { Metadata } from "next";
import { ShieldCheck, Users } from "lucide-react";
import { formatDate } from "@/components/format";
import { StatusBadge } from "@/components/status-badge";
import { InviteMemberDialog } from "@/components/team/invite-member-dialog";
import { MemberActions } from "@/components/team/member-actions";
import { RequireTwoFactorSwitch } from "@/components/team/require-two-factor-switch";
import { ROLE_LABELS } from "@/components/team/roles";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { requireAdmin } from "@/server/auth/guards";
import { assignableRoles } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const me = await requireAdmin();
  const api = await serverCaller();
  const [members, security] = await Promise.all([api.team.members(), api.team.security()]);
  const roles = assignableRoles(me.role);
  return (
    <>
      <PageHeader title="Team" description="Who runs the program with you, and what each may do." actions={roles.length > 0 ? <InviteMemberDialog roles={roles} /> : null} />
      <div className="space-y-8">
        <Card>
          {members.length <= 1 ? (
            <EmptyState icon={Users} title="Only you so far">
              Invite finance to approve and pay, affiliate managers for their own partners, or support and viewers who read.
            </EmptyState>
          ) : null}
          <Table>
            <THead>
              <tr>
                <TH>Member</TH>
                <TH>Role</TH>
                <TH>Status</TH>
                <TH>Two-factor</TH>
                <TH>Since</TH>
                <TH className="text-right">Actions</TH>
              </tr>
            </THead>
            <TBody>
              {members.map((m) => (
                <tr key={m.id} data-testid="member-row">
                  <TD>
                    <div className="font-medium text-slate-900">
                      {m.name}
                      {m.id === me.id ? <span className="ml-1 text-xs font-normal text-slate-500">(you)</span> : null}
                    </div>
                    <div className="text-xs text-slate-500">{m.email}</div>
                  </TD>
                  <TD>{ROLE_LABELS[m.role] ?? m.role}</TD>
                  <TD>
                    <StatusBadge status={m.status} />
                  </TD>
                  <TD>{m.twoFactor ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}</TD>
                  <TD className="whitespace-nowrap">{formatDate(m.createdAt)}</TD>
                  <TD>
                    <div className="flex justify-end">{m.id === me.id ? <span className="text-xs text-slate-500">Your account page has your settings</span> : <MemberActions member={m} roles={roles} />}</div>
                  </TD>
                </tr>
              ))}
            </TBody>
          </Table>
        </Card>
        {me.role === "owner" ? (
          <Card>
            <CardHeader title="Security" description="Applies to every team member." />
            <CardBody className="flex items-start gap-3">
              <ShieldCheck className="mt-0.5 size-5 text-brand-600" aria-hidden />
              <RequireTwoFactorSwitch required={security.requireTwoFactor} />
            </CardBody>
          </Card>
        ) : null}
      </div>
    </>
  );
}
