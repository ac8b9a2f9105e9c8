import type { Metadata } from "next";
import { Megaphone, Mail } from "lucide-react";
import { ComposeAnnouncementDialog } from "@/components/announcements/compose-dialog";
import { formatDateTime } from "@/components/format";
import { PAGE_SIZE } from "@/components/search-params";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Announcements" };

export default async function AnnouncementsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const sp = await searchParams;
  const page = Math.max(1, Math.min(10_000, Number(sp.page) || 1));
  const api = await serverCaller();
  const [list, options] = await Promise.all([api.announcements.list({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), api.creatives.options()]);
  return (
    <>
      <PageHeader
        title="Announcements"
        description="News for your partners: to everyone, one partner group, or the partners of one offer. Shown in their portal with an unread badge."
        actions={<ComposeAnnouncementDialog groups={options.groups} offers={options.offers} />}
      />
      <Card>
        {list.items.length === 0 ? (
          <EmptyState icon={Megaphone} title="No announcements yet">
            Tell partners about a new offer, a promotion or a change with “New announcement”.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {list.items.map((a) => (
              <li key={a.id} className="space-y-2 px-5 py-4" data-testid="announcement-row">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 className="font-medium text-slate-900">{a.title}</h2>
                  <span className="text-xs text-slate-500">
                    {formatDateTime(a.createdAt)}
                    {a.authorName ? ` · ${a.authorName}` : ""}
                  </span>
                </div>
                <p className="line-clamp-3 text-sm whitespace-pre-line text-slate-600">{a.body}</p>
                <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                  <Badge tone="info">{a.audience === "all" ? "All partners" : a.audience === "group" ? `Group: ${a.groupName ?? "deleted group"}` : `Offer: ${a.offerName ?? "—"}`}</Badge>
                  {a.emailed ? (
                    <Badge>
                      <Mail className="mr-1 size-3" aria-hidden /> E-mailed
                    </Badge>
                  ) : null}
                  <span data-testid="announcement-reads">
                    Read by {a.read} of {a.recipients}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
        <Pagination total={list.total} page={page} pageSize={PAGE_SIZE} href={(p) => `/admin/announcements?page=${p}`} />
      </Card>
    </>
  );
}
