import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, Mail } from "lucide-react";
import { formatDateTime } from "@/components/format";
import { InviteLinkDialog, RevokeInviteButton } from "@/components/partners/add-partner";
import { StatusBadge } from "@/components/status-badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Invitation links" };

export default async function InvitesPage() {
  const invites = await (await serverCaller()).onboarding.invites();
  return (
    <>
      <Link href="/admin/partners" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="size-4" aria-hidden /> Partners
      </Link>
      <PageHeader title="Invitation links" description="Single-use sign-up links; they work even when sign-up is by invitation only." actions={<InviteLinkDialog />} />
      <Card>
        {invites.length === 0 ? (
          <EmptyState icon={Mail} title="No invitations yet">
            Create one with “Invite link” and send it to the partner you want.
          </EmptyState>
        ) : (
          <Table stack>
            <THead>
              <tr>
                <TH>For</TH>
                <TH>State</TH>
                <TH>Expires</TH>
                <TH>Partner</TH>
                <TH className="text-right">Actions</TH>
              </tr>
            </THead>
            <TBody>
              {invites.map((i) => (
                <tr key={i.id}>
                  <TD>
                    {i.note ?? "—"}
                    <p className="text-xs text-slate-500">
                      {i.approve ? "approved at sign-up" : "reviewed"} · by {i.createdBy ?? "—"} {formatDateTime(i.createdAt)}
                    </p>
                  </TD>
                  <TD>
                    <StatusBadge status={i.state} />
                  </TD>
                  <TD>{formatDateTime(i.expiresAt)}</TD>
                  <TD>
                    {i.partnerId ? (
                      <Link href={`/admin/partners/${i.partnerId}`} className="text-brand-600 hover:underline">
                        {i.partnerName}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </TD>
                  <TD className="text-right">{i.state === "open" ? <RevokeInviteButton inviteId={i.id} /> : null}</TD>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
