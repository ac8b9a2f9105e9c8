import type { Metadata } from "next";
import { Megaphone } from "lucide-react";
import { MarkReadButton } from "@/components/announcements/mark-read-button";
import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Announcements" };

export default async function PortalAnnouncementsPage() {
  const api = await serverCaller();
  const { items, unread } = await api.announcements.mine();
  return (
    <>
      <PageHeader
        title="Announcements"
        description="News from the program team. Choose whether they are also e-mailed to you on your Profile page."
        actions={unread > 0 ? <MarkReadButton ids="all" label="Mark all read" /> : null}
      />
      <Card>
        {items.length === 0 ? (
          <EmptyState icon={Megaphone} title="No announcements yet">
            News from the program team will appear here.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {items.map((a) => (
              <li key={a.id} className={a.readAt ? "space-y-2 px-5 py-4" : "space-y-2 bg-brand-50/40 px-5 py-4"} data-testid="partner-announcement" data-unread={a.readAt ? undefined : "true"}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div>
                    <h2 className="font-medium text-slate-900">
                      {a.title} {a.readAt ? null : <Badge tone="info">New</Badge>}
                    </h2>
                    <p className="text-xs text-slate-500">{formatDateTime(a.createdAt)}</p>
                  </div>
                  {a.readAt ? null : <MarkReadButton ids={[a.id]} label="Mark read" />}
                </div>
                <p className="text-sm whitespace-pre-line text-slate-700">{a.body}</p>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
